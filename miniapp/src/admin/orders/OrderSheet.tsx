import { useState, type ReactNode } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BottomSheet } from '../../components/BottomSheet';

/**
 * Sends an operator's action: `busy` while it runs, a success toast and `onDone` after it. A
 * failure needs nothing here: the request layer showed the server's message.
 */
export function useSend(onDone: () => void): [busy: boolean, send: (request: () => Promise<unknown>, doneTitle: string) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const send = async (request: () => Promise<unknown>, doneTitle: string) => {
    setBusy(true);
    try {
      await request();
      void Taro.showToast({ title: doneTitle, icon: 'success' });
      onDone();
    } catch {
      // the request layer showed the server's message
    } finally {
      setBusy(false);
    }
  };
  return [busy, send];
}

interface SheetProps {
  /** `ship` or `refund`: the sheet's class (`ship-sheet`) and its button's (`ship-sheet__confirm`). */
  kind: string;
  title: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** 发货 / 退款: an operator's bottom sheet with one confirm button that says 提交中… while busy. */
export function OrderSheet({ kind, title, confirmLabel, busy, onConfirm, onClose, children }: SheetProps) {
  return (
    <BottomSheet
      open
      title={title}
      onClose={onClose}
      className={`admin-sheet ${kind}-sheet`}
      footer={
        <Button className={`bottom-sheet__confirm ${kind}-sheet__confirm`} disabled={busy || undefined} onClick={onConfirm}>
          {busy ? '提交中…' : confirmLabel}
        </Button>
      }
    >
      {children}
    </BottomSheet>
  );
}

interface PickerProps {
  label: string;
  options: string[];
  value: string;
  onChange: (value: string) => void;
  /** Extra classes for the chips and the input, as the e2e tests find them. */
  chipClass: string;
  inputClass: string;
  placeholder: string;
  maxlength: number;
}

/** A label, a row of common answers as chips, and an input for any other answer. */
export function ChipPicker({ label, options, value, onChange, chipClass, inputClass, placeholder, maxlength }: PickerProps) {
  return (
    <>
      <Text className='admin-sheet__label'>{label}</Text>
      <View className='admin-sheet__chips'>
        {options.map((option) => (
          <Text key={option} className={`admin-sheet__chip ${chipClass}${option === value ? ' admin-sheet__chip--active' : ''}`} onClick={() => onChange(option)}>
            {option}
          </Text>
        ))}
      </View>
      <Input className={`admin-sheet__input ${inputClass}`} value={value} placeholder={placeholder} maxlength={maxlength} onInput={(e) => onChange(e.detail.value)} />
    </>
  );
}
