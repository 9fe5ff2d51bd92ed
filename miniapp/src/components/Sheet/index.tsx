import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  open: boolean;
  title?: string;
  onClose: () => void;
  children: ReactNode;
  /** Pinned under the scrolling content (a confirm button). */
  footer?: ReactNode;
  className?: string;
}

/** A bottom sheet over a dimmed page (SKU picker, coupons, sandbox payment). */
export function Sheet({ open, title, onClose, children, footer, className = '' }: Props) {
  if (!open) return null;
  return (
    <View className={`sheet ${className}`} catchMove>
      <View className='sheet__mask' onClick={onClose} />
      <View className='sheet__panel'>
        {title !== undefined && (
          <View className='sheet__head'>
            <Text className='sheet__title'>{title}</Text>
            <Text className='sheet__close' onClick={onClose}>
              ×
            </Text>
          </View>
        )}
        <View className='sheet__body'>{children}</View>
        {footer && <View className='sheet__footer'>{footer}</View>}
      </View>
    </View>
  );
}
