import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  value: number;
  min?: number;
  max: number;
  /** Points use steps of 100; quantities steps of 1. */
  step?: number;
  disabled?: boolean;
  onChange: (value: number) => void;
  className?: string;
}

/** − value + with both ends capped (quantity by stock, points by the quote's maximum). */
export function Stepper({ value, min = 1, max, step = 1, disabled = false, onChange, className = '' }: Props) {
  const canMinus = !disabled && value - step >= min;
  const canPlus = !disabled && value + step <= max;
  return (
    <View className={`stepper${disabled ? ' stepper--disabled' : ''} ${className}`}>
      <Text
        className={`stepper__btn stepper__minus${canMinus ? '' : ' stepper__btn--off'}`}
        onClick={(e) => {
          e.stopPropagation();
          if (canMinus) onChange(value - step);
        }}
      >
        −
      </Text>
      <Text className='stepper__value'>{value}</Text>
      <Text
        className={`stepper__btn stepper__plus${canPlus ? '' : ' stepper__btn--off'}`}
        onClick={(e) => {
          e.stopPropagation();
          if (canPlus) onChange(value + step);
        }}
      >
        +
      </Text>
    </View>
  );
}
