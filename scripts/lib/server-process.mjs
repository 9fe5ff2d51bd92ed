// The built server (`server/dist/main.js`, as `npm start` runs it) in a child process, for the
// benchmarks and the end-to-end tests.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { freePort } from './mariadb.mjs';

const root = new URL('../..', import.meta.url).pathname;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the built server (`server/dist/main.js`, as `npm start` does) as a child process with
 * `env` on a free port (or `env.PORT`), its output in `logFile`; resolves once /api/health
 * answers. The pid is the server's own, for `processStats`; `nodeArgs` go to node (e.g. --cpu-prof).
 */
export async function startServerProcess({ env, logFile, nodeArgs = [] }) {
  const port = env.PORT ?? (await freePort());
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [...nodeArgs, 'server/dist/main.js'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  child.on('exit', () => { exited = true; });
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`server exited at start; see ${logFile}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() - started > 60_000) throw new Error(`server not ready after 60 s; see ${logFile}`);
    await sleep(100);
  }
  return {
    baseUrl, pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      for (let i = 0; i < 100 && !exited; i++) await sleep(100);
      if (!exited) child.kill('SIGKILL');
    },
  };
}
