import Taro from '@tarojs/taro';

/**
 * The avatar/nickname flow and privacy consent, where WeChat and H5 differ (see ./index.ts for
 * the rest). The TARO_ENV check is replaced at build time, so each build keeps only its branch.
 */
const isWeapp = process.env.TARO_ENV === 'weapp';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

/** The id of the consent popup's agree button: WeChat checks that this very button was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

let pending: Resolve | null = null;
let listening = false;
const listeners = new Set<(asking: boolean) => void>();
const notify = () => listeners.forEach((listener) => listener(pending !== null));

export const profilePlatform = {
  /** WeChat's chooseAvatar button (it offers the WeChat avatar, album and camera); H5 picks a file. */
  avatarByButton: isWeapp,

  /** WeChat's nickname keyboard offers the WeChat nickname; H5 has a plain text field. */
  nicknameInputType: (isWeapp ? 'nickname' : 'text') as 'nickname' | 'text',

  /**
   * H5: one picture from the device, as a blob URL Taro.uploadFile can send; null when the
   * member cancelled. (Taro.chooseImage opens a hidden `<input type=file accept=image/*>`.)
   */
  async pickImage(): Promise<string | null> {
    try {
      const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      return res.tempFilePaths[0] ?? null;
    } catch {
      return null;
    }
  },

  /** getPhoneNumber, chooseAvatar and nickname reject with this when the member refused consent. */
  isPrivacyRefusal(errMsg: string | undefined): boolean {
    return /privacy|not authorized/i.test(errMsg ?? '');
  },
};

/**
 * wx.onNeedPrivacyAuthorization: WeChat asks before the first privacy-touching call (chooseAvatar,
 * nickname input, getPhoneNumber) and holds the call until we resolve. The PrivacyConsent popup
 * subscribes here and shows while WeChat is asking. No-op on H5 (and on base libraries without it).
 */
export const privacy = {
  start(): void {
    if (!isWeapp || listening) return;
    const on = (Taro as unknown as { onNeedPrivacyAuthorization?: (listener: (resolve: Resolve) => void) => void }).onNeedPrivacyAuthorization;
    if (typeof on !== 'function') return;
    try {
      on((resolve) => {
        pending = resolve;
        notify();
      });
      listening = true;
    } catch {
      // Older base library: there is nothing to consent to through this API.
    }
  },

  subscribe(listener: (asking: boolean) => void): () => void {
    listeners.add(listener);
    listener(pending !== null);
    return () => listeners.delete(listener);
  },

  /** The popup is on screen: WeChat likes to know (exposure). */
  shown(): void {
    pending?.({ event: 'exposureAuthorization' });
  },

  answer(agree: boolean): void {
    const resolve = pending;
    pending = null;
    resolve?.(agree ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' });
    notify();
  },
};
