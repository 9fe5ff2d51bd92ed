import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** The confirm button(s), pinned under the content. */
  footer?: ReactNode;
  className?: string;
}

/** A sheet sliding up from the bottom over a dimmed page (confirmations, short forms). */
export function BottomSheet({ open, title, onClose, children, footer, className = '' }: Props) {
  if (!open) return null;
  return (
    <View className={`bottom-sheet ${className}`} catchMove>
      <View className='bottom-sheet__mask' onClick={onClose} />
      <View className='bottom-sheet__panel'>
        <View className='bottom-sheet__head'>
          <Text className='bottom-sheet__title'>{title}</Text>
          <Text className='bottom-sheet__close' onClick={onClose}>
            ✕
          </Text>
        </View>
        <View className='bottom-sheet__body'>{children}</View>
        {footer && <View className='bottom-sheet__footer'>{footer}</View>}
      </View>
    </View>
  );
}
