import { Image, View } from '@tarojs/components';
import { UserF } from '../Icon';
import { assetUrl } from '../../api/assets';
import './index.scss';

/** The member's picture, or a neutral silhouette when there is none (new and signed-out members). */
export function Avatar({ url, size = 128 }: { url: string | null | undefined; size?: number }) {
  const style = { width: `${size / 2}px`, height: `${size / 2}px` };
  if (url) return <Image className='avatar' style={style} src={assetUrl(url)} mode='aspectFill' />;
  return (
    <View className='avatar avatar--default' style={style}>
      <UserF size={Math.round(size / 4)} color='#ffb08a' />
    </View>
  );
}
