import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  icon: ReactNode;
  title: string;
  description?: string;
  /** A button or link under the text. */
  action?: ReactNode;
}

/** Nothing to show (no goods, no permission, failed load), said kindly. */
export function EmptyState({ icon, title, description, action }: Props) {
  return (
    <View className='empty-state'>
      <View className='empty-state__icon'>{icon}</View>
      <Text className='empty-state__title'>{title}</Text>
      {description && <Text className='empty-state__description'>{description}</Text>}
      {action && <View className='empty-state__action'>{action}</View>}
    </View>
  );
}
