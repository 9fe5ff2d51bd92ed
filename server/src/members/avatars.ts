import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '../common/errors.js';

/** Image kinds accepted as avatars, recognised by their first bytes (never by the client's word). */
const KINDS: { ext: string; test: (b: Buffer) => boolean }[] = [
  { ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/**
 * Keeps an avatar on local disk under the media folder (served at /media/) and returns its
 * URL. The name carries the content hash, so a new avatar is a new URL and caches never
 * serve the old one. Swapping this for object storage changes only this file.
 */
export async function storeAvatar(mediaDir: string, memberId: number, data: Buffer): Promise<string> {
  const kind = KINDS.find((k) => k.test(data));
  if (!kind) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '头像只支持 PNG、JPG 或 WebP 图片');
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 16);
  const name = `${memberId}-${hash}.${kind.ext}`;
  await mkdir(join(mediaDir, 'avatars'), { recursive: true });
  await writeFile(join(mediaDir, 'avatars', name), data);
  return `/media/avatars/${name}`;
}
