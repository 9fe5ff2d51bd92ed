import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/**
 * Calls `load` each time the page is shown again (back from another page, a tab switch); the
 * first show is left to the caller's own effect, which loads once the session is known.
 */
export function useShownAgain(load: () => void): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) load();
    shown.current = true;
  });
}
