import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from './errors.js';

/** Image kinds accepted for upload, recognised by their first bytes (never by the client's word). */
const KINDS: { ext: string; test: (b: Buffer) => boolean }[] = [
  { ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** Where uploaded images may point (and the demo's bundled ones): never another site. */
export const IMAGE_PATH = /^\/(media|assets)\/[A-Za-z0-9_/-]+\.(png|jpg|webp)$/;

/**
 * Keeps an uploaded image on local disk under the media folder (served at /media/) and
 * returns its URL. The name carries the content hash, so a new image is a new URL and caches
 * never serve the old one. Swapping this for object storage changes only this file.
 * `what` names the image in the refusal (头像, 商品图片).
 */
export async function storeImage(mediaDir: string, folder: string, prefix: string, data: Buffer, what: string): Promise<string> {
  const kind = KINDS.find((k) => k.test(data));
  if (!kind) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `${what}只支持 PNG、JPG 或 WebP 图片`);
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 16);
  const name = `${prefix}${hash}.${kind.ext}`;
  await mkdir(join(mediaDir, folder), { recursive: true });
  await writeFile(join(mediaDir, folder, name), data);
  return `/media/${folder}/${name}`;
}
