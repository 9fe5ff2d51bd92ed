import { Picker, Text, View } from '@tarojs/components';

interface Props {
  /** Shanghai days as YYYY-MM-DD; '' for none chosen. */
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
  /** Today (the earliest day offered when `future`). */
  today: string;
  /** Only today and later may be picked. */
  future?: boolean;
  /** What an empty end shows ('开始日期', '立即', '不限'…). */
  fromText: string;
  toText: string;
  /** Shows 清除 once a day is picked (for optional windows). */
  clearable?: boolean;
  /** Class of the start and end fields (tests and pages find them by it). */
  fromClass: string;
  toClass: string;
  clearClass?: string;
}

/** A window of whole days picked with two date pickers, the end never before the start. */
export function DayRange({ from, to, onChange, today, future, fromText, toText, clearable, fromClass, toClass, clearClass }: Props) {
  return (
    <View className='admin-sheet__range'>
      <Picker mode='date' value={from || today} start={future ? today : undefined} onChange={(e) => onChange({ from: String(e.detail.value), to })}>
        <Text className={`admin-sheet__input admin-sheet__date ${fromClass}`}>{from || fromText}</Text>
      </Picker>
      <Text className='admin-sheet__range-word'>至</Text>
      <Picker mode='date' value={to || from || today} start={from || (future ? today : undefined)} onChange={(e) => onChange({ from, to: String(e.detail.value) })}>
        <Text className={`admin-sheet__input admin-sheet__date ${toClass}`}>{to || toText}</Text>
      </Picker>
      {clearable && (from || to) && <Text className={`admin-sheet__range-word ${clearClass ?? ''}`} onClick={() => onChange({ from: '', to: '' })}>清除</Text>}
    </View>
  );
}
