import Taro from '@tarojs/taro';
import type { AuthResult } from '@jifen/shared';

/** The pair the server issued at sign-in, kept in the platform's local storage. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const KEY = 'jifen.tokens';
type Listener = (tokens: Tokens | null) => void;
const listeners = new Set<Listener>();

function notify(tokens: Tokens | null): void {
  listeners.forEach((listener) => listener(tokens));
}

export const tokenStore = {
  get(): Tokens | null {
    const stored: unknown = Taro.getStorageSync(KEY);
    if (stored && typeof stored === 'object' && 'accessToken' in stored && 'refreshToken' in stored) {
      return stored as Tokens;
    }
    return null;
  },

  save(result: Pick<AuthResult, 'accessToken' | 'refreshToken'>): void {
    const tokens = { accessToken: result.accessToken, refreshToken: result.refreshToken };
    Taro.setStorageSync(KEY, tokens);
    notify(tokens);
  },

  clear(): void {
    Taro.removeStorageSync(KEY);
    notify(null);
  },

  /** The session store listens here, so a refresh that fails deep in a request signs the member out. */
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
