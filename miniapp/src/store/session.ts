import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { AuthOptionsDto, AuthResult, MeDto } from '@jifen/shared';
import { getAuthOptions, signInForDev, signInWithWechat, signOutOnServer } from '../api/auth';
import { getMe } from '../api/members';
import { tokenStore } from '../api/tokens';
import { platform } from '../platform';

/**
 * The signed-in member, shared by pages and the tab bar: a tiny observable module instead of
 * a state library. `loading` lasts until launch-time sign-in has settled.
 */
export interface SessionState {
  status: 'loading' | 'signedIn' | 'signedOut';
  member: MeDto | null;
  /** What the server offers for sign-in; null until known (or if the server is unreachable). */
  options: AuthOptionsDto | null;
}

let state: SessionState = { status: 'loading', member: null, options: null };
const listeners = new Set<() => void>();

function setState(patch: Partial<SessionState>): void {
  state = { ...state, ...patch };
  listeners.forEach((listener) => listener());
}

function signedIn(result: AuthResult): MeDto {
  tokenStore.save(result);
  setState({ status: 'signedIn', member: result.member });
  return result.member;
}

// Tokens cleared under a signed-in member (the refresh failed) end the session here, and say so.
tokenStore.subscribe((tokens) => {
  if (tokens || !state.member) return;
  setState({ status: 'signedOut', member: null });
  void Taro.showToast({ title: '登录已过期，请重新登录', icon: 'none' });
});

export const session = {
  get(): SessionState {
    return state;
  },

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** At launch: reuse stored tokens, else sign in silently where the platform can (weapp). */
  async start(): Promise<void> {
    const options = getAuthOptions().catch(() => null);
    try {
      if (tokenStore.get()) {
        setState({ status: 'signedIn', member: await getMe() });
      } else {
        await session.signInWithWechat();
      }
    } catch {
      // A dead token is already cleared by the request layer; browsing works signed out.
      if (state.status === 'loading') setState({ status: 'signedOut' });
    }
    setState({ options: await options });
  },

  /**
   * WeChat sign-in: silent at launch, `interactive` when the member pressed the button (then
   * failures are shown). Resolves to null where there is no WeChat (H5).
   */
  async signInWithWechat(interactive = false): Promise<MeDto | null> {
    const code = await platform.wechatLoginCode();
    if (!code) {
      setState({ status: 'signedOut' });
      return null;
    }
    return signedIn(await signInWithWechat(code, !interactive));
  },

  async signInForDev(nickname: string): Promise<MeDto> {
    return signedIn(await signInForDev(nickname));
  },

  /** Fresh points and tier, e.g. when 我的 is shown again. Failures keep what we have. */
  async refresh(): Promise<void> {
    if (!tokenStore.get()) return;
    try {
      setState({ status: 'signedIn', member: await getMe() });
    } catch {
      // Signed out by the request layer if the token is dead; otherwise keep the last known member.
    }
  },

  /** A member the server just returned (e.g. after binding a phone). */
  setMember(member: MeDto): void {
    setState({ status: 'signedIn', member });
  },

  /** Available points a points-changing call reported (check-in, 补签), without asking /api/me again. */
  setAvailable(available: number): void {
    if (!state.member) return;
    setState({ member: { ...state.member, points: { ...state.member.points, available } } });
  },

  /** 退出登录: signed out here at once; the server retires this device's tokens (best effort, offline too). */
  signOut(): void {
    const tokens = tokenStore.get();
    setState({ status: 'signedOut', member: null });
    tokenStore.clear();
    if (tokens) signOutOnServer(tokens.refreshToken).catch(() => undefined);
  },
};

/** The session in a component, re-rendered when it changes. */
export function useSession(): SessionState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    setCurrent(state);
    return session.subscribe(() => setCurrent(state));
  }, []);
  return current;
}
