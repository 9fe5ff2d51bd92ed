import { useEffect, useState } from 'react';
import { getCartCount } from '../api/cart';
import { tokenStore } from '../api/tokens';

/** Pieces in the cart for the badges on 首页 and 商品详情: a tiny observable like store/session. */
let count = 0;
const listeners = new Set<() => void>();

function set(next: number): void {
  count = next;
  listeners.forEach((listener) => listener());
}

tokenStore.subscribe((tokens) => {
  if (!tokens) set(0);
});

export const cartCount = {
  get: () => count,
  set,
  /** Asks the server again (signed in only); failures keep the last count. */
  async refresh(): Promise<void> {
    if (!tokenStore.get()) return set(0);
    try {
      set((await getCartCount()).count);
    } catch {
      // the badge keeps what it had
    }
  },
};

export function useCartCount(): number {
  const [current, setCurrent] = useState(count);
  useEffect(() => {
    setCurrent(count);
    const listener = () => setCurrent(count);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return current;
}
