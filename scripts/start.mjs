#!/usr/bin/env node
// `npm start`: build what is missing or stale (shared, server, the H5 build), then run the
// server with the demo shop on SQLite (or DATABASE_URL). Set SKIP_BUILD=1 to run as built.
// SIGTERM/SIGINT go on to the build or the server; this exits with the server's code once it
// has finished its requests in flight and stopped.
import { existsSync } from 'node:fs';
import { run } from './lib/run.mjs';

const root = new URL('..', import.meta.url).pathname;
if (process.env.SKIP_BUILD !== '1') {
  for (const [what, args] of [
    ['shared', ['run', 'build', '-w', 'shared']],
    ['server', ['run', 'build', '-w', 'server']],
    ['H5 storefront', ['run', 'build:h5', '-w', 'miniapp']],
  ]) {
    console.log(`building ${what}…`);
    const code = await run('npm', ['run', '--silent', ...args.slice(1)], { cwd: root, forwardSignals: true });
    if (code !== 0) {
      console.error(`building ${what} failed (exit ${code})`);
      process.exit(code);
    }
  }
} else if (!existsSync(`${root}server/dist/main.js`)) {
  console.error('SKIP_BUILD=1 but server/dist is missing: run `npm run build` first');
  process.exit(1);
}
const code = await run(process.execPath, ['server/dist/main.js'], { cwd: root, forwardSignals: true });
process.exit(code);
