// A throwaway MariaDB: datadir in a temp dir, a free port on 127.0.0.1, no systemd.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePackages, hasCommand } from './apt.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts MariaDB and creates `database`; resolves to {url, rootUrl, stop()}. `bufferPool`: InnoDB's cache (a benchmark's big shop wants more). */
export async function startMariadb({ database = 'jifen', quiet = true, bufferPool = '256M' } = {}) {
  ensurePackages(['mariadb-server'], { check: () => hasCommand('mariadbd') && hasCommand('mariadb-install-db') });
  const dir = mkdtempSync(join(tmpdir(), 'jifen-mariadb-'));
  const sock = join(dir, 'mysqld.sock');
  const port = await freePort();
  execFileSync('mariadb-install-db', [
    '--no-defaults', `--datadir=${dir}/data`, '--auth-root-authentication-method=normal', '--skip-test-db', '--user=root',
  ], { stdio: quiet ? 'ignore' : 'inherit' });
  const child = spawn('mariadbd', [
    '--no-defaults', '--user=root', `--datadir=${dir}/data`, `--socket=${sock}`, `--pid-file=${dir}/mysqld.pid`,
    `--port=${port}`, '--bind-address=127.0.0.1', `--log-error=${dir}/error.log`, '--skip-name-resolve',
    '--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci',
    '--max-connections=500', `--innodb-buffer-pool-size=${bufferPool}`,
  ], { stdio: 'ignore', detached: false });
  let exited = false;
  child.on('exit', () => { exited = true; });

  const admin = (...args) => execFileSync('mariadb-admin', ['--no-defaults', `--socket=${sock}`, '-uroot', ...args], { stdio: 'ignore' });
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`mariadbd exited at start: ${tail(join(dir, 'error.log'))}`);
    try { admin('ping'); break; } catch { /* not ready yet */ }
    if (Date.now() - started > 60_000) throw new Error(`mariadbd not ready after 60 s: ${tail(join(dir, 'error.log'))}`);
    await sleep(100);
  }
  execFileSync('mariadb', ['--no-defaults', `--socket=${sock}`, '-uroot', '-e', `CREATE DATABASE \`${database}\``]);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try { admin('shutdown'); } catch { child.kill('SIGTERM'); }
    for (let i = 0; i < 100 && !exited; i++) await sleep(100);
    if (!exited) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const rootUrl = `mysql://root@127.0.0.1:${port}`;
  return { url: `${rootUrl}/${database}`, rootUrl, port, dir, stop };
}

function tail(file) {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-5).join(' | ') : '(no log)';
}
