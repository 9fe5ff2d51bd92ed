import Taro from '@tarojs/taro';
import { isApiError, type AuthResult, type ErrorCode } from '@jifen/shared';
import { type Tokens, tokenStore } from './tokens';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method: Method;
  /** Path under the API origin, e.g. `/api/catalog/goods`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  data?: unknown;
  /** `none` never sends the token (sign-in, refresh); the default sends it when there is one. */
  auth?: 'auto' | 'none';
  /** No error toast: the caller shows the failure its own way (or not at all). */
  silent?: boolean;
  header?: Record<string, string>;
  /** Set by the auth interceptor so a request is retried at most once after a refresh. */
  retried?: boolean;
}

/** A failed call: the server's `{code, message}`, or NETWORK_ERROR when no answer came. */
export class ApiRequestError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK_ERROR',
    message: string,
    readonly status: number,
    /** VALIDATION_FAILED: the fields at fault, `[{field, problems}]`. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

type Send = (req: ApiRequest) => Promise<unknown>;
type Interceptor = (req: ApiRequest, next: Send) => Promise<unknown>;

function urlOf(req: ApiRequest): string {
  const query = Object.entries(req.query ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${API_BASE}${req.path}${query ? `?${query}` : ''}`;
}

/** The transport: one Taro.request, 2xx is data, anything else an ApiRequestError. */
const send: Send = async (req) => {
  let res: Taro.request.SuccessCallbackResult;
  try {
    res = await Taro.request({
      url: urlOf(req),
      method: req.method,
      data: req.data as Taro.request.Option['data'],
      header: { 'content-type': 'application/json', ...req.header },
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    throw new ApiRequestError('NETWORK_ERROR', '网络不给力，请稍后再试', 0);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data;
  if (isApiError(res.data)) throw new ApiRequestError(res.data.code, res.data.message, res.statusCode, res.data.details);
  throw new ApiRequestError('INTERNAL_ERROR', `服务暂时不可用 (${res.statusCode})`, res.statusCode);
};

// One refresh at a time: parallel requests that all find the token expired wait for the same one.
// Each refresh token works once (the server rotates it and treats a second use as theft), so a
// request whose tokens were already replaced while it was under way retries with the new ones.
let refreshing: Promise<boolean> | null = null;

function refreshTokens(used: Tokens): Promise<boolean> {
  if (refreshing) return refreshing;
  const stored = tokenStore.get();
  if (!stored) return Promise.resolve(false);
  if (stored.refreshToken !== used.refreshToken) return Promise.resolve(true);
  refreshing = send({ method: 'POST', path: '/api/auth/refresh', data: { refreshToken: stored.refreshToken }, auth: 'none' })
    .then((result) => {
      tokenStore.save(result as AuthResult);
      return true;
    })
    .catch(() => {
      tokenStore.clear();
      return false;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Bearer token on every call that may carry one; an expired token is refreshed once, then the call retried. */
const withAuth: Interceptor = async (req, next) => {
  const tokens = req.auth === 'none' ? null : tokenStore.get();
  const header = tokens ? { ...req.header, Authorization: `Bearer ${tokens.accessToken}` } : req.header;
  try {
    return await next({ ...req, header });
  } catch (error) {
    if (!tokens || !(error instanceof ApiRequestError) || error.status !== 401) throw error;
    if (error.code === 'TOKEN_EXPIRED' && !req.retried && (await refreshTokens(tokens))) {
      return withAuth({ ...req, retried: true }, next);
    }
    // The token is no good and cannot be renewed: the member is signed out.
    if (tokenStore.get()?.accessToken === tokens.accessToken) tokenStore.clear();
    throw error;
  }
};

/** Shows the server's message (already in Chinese) unless the caller handles failures itself. */
const withErrorToast: Interceptor = async (req, next) => {
  try {
    return await next(req);
  } catch (error) {
    if (!req.silent && error instanceof ApiRequestError) {
      void Taro.showToast({ title: error.message, icon: 'none', duration: 2500 });
    }
    throw error;
  }
};

const interceptors: Interceptor[] = [withErrorToast, withAuth];

const chain: Send = interceptors.reduceRight<Send>((next, interceptor) => (req) => interceptor(req, next), send);

export function request<T>(req: ApiRequest): Promise<T> {
  return chain(req) as Promise<T>;
}
