import { View } from '@tarojs/components';
import { EmptyState } from '../components/EmptyState';
import { Setting } from '../components/Icon';

/**
 * What an admin screen shows to anyone who may not use it (and while the session settles):
 * the server refuses them anyway, this only says so instead of an empty page.
 */
export function NotStaff({ className, loading, screen, owners }: { className: string; loading: boolean; screen?: string; owners?: boolean }) {
  const who = owners ? '店主' : '店主和运营';
  return (
    <View className={className}>
      <EmptyState icon={<Setting size={36} color='#ff8a3d' />} title={loading ? '正在确认身份…' : owners ? '仅限店主访问' : '仅限运营人员访问'}
        description={screen ? `${screen}只对${who}开放。` : undefined} />
    </View>
  );
}
