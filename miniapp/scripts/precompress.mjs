#!/usr/bin/env node
/**
 * After `taro build --type h5`: writes a .br and a .gz beside every script, stylesheet and
 * page of dist/h5 from 1 KB up, at the strongest settings (done once per build, not per
 * request). The server sends them to browsers that accept them (@fastify/static's
 * preCompressed). A sibling that would not be smaller is not written.
 *
 *   node scripts/precompress.mjs [dir]     # default: dist/h5
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const MIN_BYTES = 1024;
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

const dir = resolve(process.argv[2] ?? new URL('../dist/h5', import.meta.url).pathname);

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const encoders = {
  br: (data) => brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }),
  gz: (data) => gzipSync(data, { level: 9 }),
};

let raw = 0;
const packed = { br: 0, gz: 0 };
let count = 0;
for (const path of files(dir)) {
  if (!COMPRESSIBLE.test(path)) continue;
  // A rebuild into a kept folder must not leave an older sibling behind.
  for (const ext of Object.keys(encoders)) rmSync(`${path}.${ext}`, { force: true });
  const size = statSync(path).size;
  if (size < MIN_BYTES) continue;
  const data = readFileSync(path);
  count++;
  raw += size;
  for (const [ext, encode] of Object.entries(encoders)) {
    const out = encode(data);
    if (out.length >= size) continue;
    writeFileSync(`${path}.${ext}`, out);
    packed[ext] += out.length;
  }
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`precompressed ${count} files in ${relative(process.cwd(), dir) || '.'}: ${kb(raw)} → br ${kb(packed.br)}, gzip ${kb(packed.gz)}`);
