import { Input, View } from '@tarojs/components';
import { MaskClose, Search } from '../Icon';
import './index.scss';

interface Props {
  className?: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}

/**
 * A round search box: magnifier, the text, a clear button once there is text. Small on
 * purpose: NutUI's SearchBar brought ~40 KB of script (its config provider, lodash) into
 * 首页's first load for the same three parts.
 */
export function SearchField({ className, value, placeholder, onChange }: Props) {
  return (
    <View className={`search-field${className ? ` ${className}` : ''}`}>
      <Search className='search-field__icon' size={20} color='#9a9ca3' />
      <Input
        className='search-field__input'
        type='text'
        confirmType='search'
        value={value}
        placeholder={placeholder}
        placeholderClass='search-field__placeholder'
        onInput={(e) => onChange(e.detail.value)}
      />
      {value !== '' && (
        <View className='search-field__clear' onClick={() => onChange('')}>
          <MaskClose size={16} color='#c8c9cc' />
        </View>
      )}
    </View>
  );
}
