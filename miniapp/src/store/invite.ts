import Taro from '@tarojs/taro';
import { getMyInvites, visitInvite } from '../api/invites';
import { ApiRequestError } from '../api/request';
import { session } from './session';

/**
 * Invites on the receiving side and the member's own code for shares, in one small module.
 *
 * Receiving: a link or mini-program code with `inv` (weapp: `options.inv`, or `options.scene`
 * from a wxacode, URL-encoded; H5: the hash route's query) is remembered in storage until the
 * visitor is signed in, then reported once with `POST /api/invites/visit` and forgotten. The
 * server decides whether it counts (new member, 7 days, not one's own). Moments (朋友圈) opens
 * run in single-page mode without sign-in and never attribute (WeChat's 滥用分享 rules).
 *
 * Sharing: the signed-in member's code, fetched once, goes into every shared path as `?inv=`.
 */

const PENDING_KEY = 'jifen.pendingInvite';
/** The last code the server answered for: reloading the same link does not report it again. */
const REPORTED_KEY = 'jifen.reportedInvite';
/** The server's code format (letters and digits, 4 to 16). */
const CODE = /^[A-Za-z0-9]{4,16}$/;
/** WeChat's scene value for a page opened from Moments (朋友圈单页模式). */
const TIMELINE_SCENE = 1154;

type Params = Record<string, string | undefined> | undefined | null;

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The invite code in a page's or launch's query: `inv`, or a wxacode `scene` ("inv=CODE" or just "CODE"). */
export function inviteCodeOf(params: Params): string | null {
  if (!params) return null;
  const inv = params.inv ? decode(String(params.inv)).trim() : '';
  if (CODE.test(inv)) return inv;
  const scene = params.scene ? decode(String(params.scene)).trim() : '';
  if (!scene) return null;
  const fromPair = /(?:^|[&?])inv=([A-Za-z0-9]+)/.exec(scene)?.[1];
  const code = fromPair ?? scene;
  return CODE.test(code) ? code : null;
}

/** Whether this run of the mini-program is Moments' single-page mode. */
function inTimelineMode(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false;
  try {
    const launch = Taro.getLaunchOptionsSync?.();
    if (launch?.scene === TIMELINE_SCENE) return true;
  } catch {
    // Not available (old base library or a test shim): not Moments as far as we can tell.
  }
  try {
    const enter = Taro.getEnterOptionsSync?.();
    if (enter?.scene === TIMELINE_SCENE) return true;
  } catch {
    // As above.
  }
  return false;
}

function pendingCode(): string | null {
  const stored: unknown = Taro.getStorageSync(PENDING_KEY);
  return typeof stored === 'string' && CODE.test(stored) ? stored : null;
}

let visiting = false;
let myCode: string | null = null;
let myCodeFor: number | null = null;
let myCodeLoading: Promise<string | null> | null = null;

/** Reports the remembered code once a member is signed in; forgets it once the server answered. */
async function reportPending(): Promise<void> {
  const code = pendingCode();
  const { status, member } = session.get();
  if (!code || visiting || status !== 'signedIn' || !member) return;
  visiting = true;
  try {
    await visitInvite(code);
    Taro.removeStorageSync(PENDING_KEY);
    Taro.setStorageSync(REPORTED_KEY, code);
  } catch (error) {
    // Unknown code, one's own link, a malformed code: nothing to retry. A network failure keeps
    // the code for the next time the session changes.
    if (!(error instanceof ApiRequestError) || error.code !== 'NETWORK_ERROR') {
      Taro.removeStorageSync(PENDING_KEY);
      Taro.setStorageSync(REPORTED_KEY, code);
    }
  } finally {
    visiting = false;
  }
}

function loadMyCode(memberId: number): Promise<string | null> {
  if (myCodeFor === memberId && (myCode || myCodeLoading)) return myCodeLoading ?? Promise.resolve(myCode);
  myCodeFor = memberId;
  myCode = null;
  myCodeLoading = getMyInvites({ silent: true })
    .then((mine) => {
      if (myCodeFor === memberId) myCode = mine.code;
      return mine.code;
    })
    .catch(() => null)
    .finally(() => {
      myCodeLoading = null;
    });
  return myCodeLoading;
}

function onSession(): void {
  const { status, member } = session.get();
  if (status === 'signedIn' && member) {
    void reportPending();
    if (myCodeFor !== member.id) void loadMyCode(member.id);
  } else if (status === 'signedOut') {
    myCode = null;
    myCodeFor = null;
  }
}

let started = false;

export const invites = {
  /** Follows the session (from app launch): reports a remembered invite and loads the member's code. */
  start(): void {
    if (started) return;
    started = true;
    session.subscribe(onSession);
    onSession();
  },

  /**
   * A page or the app opened with this query: remember its invite code (never from Moments),
   * and report it at once if the member is already signed in.
   */
  capture(params: Params): void {
    const code = inviteCodeOf(params);
    if (!code || inTimelineMode()) return;
    if (code === myCode) return; // one's own link: nothing to report
    if (code === Taro.getStorageSync(REPORTED_KEY)) return; // the same link opened again
    Taro.setStorageSync(PENDING_KEY, code);
    void reportPending();
  },

  /** The signed-in member's code for shared paths, or null (signed out, or not loaded yet). */
  myCode(): string | null {
    const { status, member } = session.get();
    return status === 'signedIn' && member && myCodeFor === member.id ? myCode : null;
  },

  /** Remembers the code 邀请有礼 just loaded, so shares use it without asking again. */
  setMyCode(code: string): void {
    const member = session.get().member;
    if (!member) return;
    myCodeFor = member.id;
    myCode = code;
  },

  /** The member's code, loading it if needed (for a share that waits). */
  async loadMyCode(): Promise<string | null> {
    const { status, member } = session.get();
    if (status !== 'signedIn' || !member) return null;
    return myCodeFor === member.id && myCode ? myCode : loadMyCode(member.id);
  },
};

/** Adds the member's code to a page path (`/pages/…?inv=CODE`) when there is one. */
export function withInviteCode(path: string, code: string | null): string {
  if (!code) return path;
  return `${path}${path.includes('?') ? '&' : '?'}inv=${encodeURIComponent(code)}`;
}
