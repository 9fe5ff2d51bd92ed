import Taro from '@tarojs/taro';
import { isApiError, type MeDto } from '@jifen/shared';
import { ApiRequestError, request } from './request';
import { tokenStore } from './tokens';

/** One multipart upload of a local file (WeChat temp path or H5 blob URL) with the member's token. */
async function send(path: string, field: string, filePath: string): Promise<{ status: number; body: unknown }> {
  const tokens = tokenStore.get();
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: `${API_BASE}${path}`,
      filePath,
      name: field,
      header: tokens ? { Authorization: `Bearer ${tokens.accessToken}` } : {},
    });
  } catch {
    throw new ApiRequestError('NETWORK_ERROR', '网络不给力，请稍后再试', 0);
  }
  let body: unknown = res.data;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // Not JSON (e.g. a proxy's 413 page): the status says enough.
    }
  }
  return { status: res.statusCode, body };
}

const STATUS_MESSAGES: Record<number, string> = {
  413: '图片太大了，请选择 2MB 以内的图片',
  415: '仅支持 PNG、JPG、WebP 格式的图片',
};

/**
 * A multipart upload of one image under `field`. wx.uploadFile is not wx.request, so the request
 * layer's refresh does not apply: on an expired token one cheap authenticated call refreshes
 * it, then the upload is retried once.
 */
async function uploadImage<T>(path: string, field: string, filePath: string): Promise<T> {
  let { status, body } = await send(path, field, filePath);
  if (status === 401 && isApiError(body) && body.code === 'TOKEN_EXPIRED') {
    await request({ method: 'GET', path: '/api/me', silent: true });
    ({ status, body } = await send(path, field, filePath));
  }
  if (status >= 200 && status < 300) return body as T;
  if (STATUS_MESSAGES[status]) throw new ApiRequestError(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'UNSUPPORTED_MEDIA_TYPE', STATUS_MESSAGES[status], status);
  if (isApiError(body)) throw new ApiRequestError(body.code, body.message, status);
  throw new ApiRequestError('INTERNAL_ERROR', `服务暂时不可用 (${status})`, status);
}

/** POST /api/me/avatar. */
export function uploadAvatarFile(filePath: string): Promise<MeDto> {
  return uploadImage<MeDto>('/api/me/avatar', 'avatar', filePath);
}

/** POST /api/admin/catalog/images: a goods image; answers its path for the goods' `images`. */
export async function uploadGoodsImage(filePath: string): Promise<string> {
  return (await uploadImage<{ url: string }>('/api/admin/catalog/images', 'image', filePath)).url;
}
