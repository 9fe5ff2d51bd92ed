/**
 * Images in API responses are server-relative paths (`/assets/goods/cherry.png`); the
 * mini-program needs them absolute, H5 on the same origin keeps them as they are.
 */
export function assetUrl(path: string | null | undefined): string {
  if (!path) return '';
  if (/^(https?:)?\/\//.test(path) || path.startsWith('data:')) return path;
  return `${API_BASE}${path.startsWith('/') ? '' : '/'}${path}`;
}
