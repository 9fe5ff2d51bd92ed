import { Text } from '@tarojs/components';
import { formatYuan } from '@jifen/shared';
import './index.scss';

interface Props {
  fen: number;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

/** ¥139.00 with the yuan large and the fen small, as mall prices are set. */
export function Price({ fen, size = 'md', className = '' }: Props) {
  const [yuan, cents] = formatYuan(fen).split('.');
  return (
    <Text className={`price price--${size} ${className}`}>
      <Text className='price__symbol'>¥</Text>
      <Text className='price__yuan'>{yuan}</Text>
      <Text className='price__cents'>.{cents}</Text>
    </Text>
  );
}

/** The price before discount, struck through. */
export function OriginalPrice({ fen, className = '' }: { fen: number; className?: string }) {
  return <Text className={`price-original ${className}`}>¥{formatYuan(fen)}</Text>;
}
