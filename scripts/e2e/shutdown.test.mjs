// Stopping the server: a stop signal to `npm start` (or scripts/start.mjs) stops the server
// too, and the server finishes the requests already in flight before it exits.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../lib/mariadb.mjs';
import { artifacts, root } from './support.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Spawns `cmd args` serving on a fresh SQLite file; resolves once /api/health answers. */
async function launch(cmd, args) {
  const port = await freePort();
  const name = `jifen-shutdown-${randomBytes(4).toString('hex')}`;
  const dbFile = join(tmpdir(), `${name}.sqlite`);
  mkdirSync(artifacts, { recursive: true });
  const log = createWriteStream(join(artifacts, `${name}.server.log`));
  const child = spawn(cmd, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      SKIP_BUILD: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${dbFile}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: '0',
      LOG_REQUESTS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  let exited = false;
  void exit.then(() => { exited = true; });
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`server exited at start; see artifacts/${name}.server.log`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch { /* not listening yet */ }
    if (i > 300) throw new Error('server did not start in 30 s');
    await sleep(100);
  }
  return {
    child,
    port,
    exit,
    get exited() { return exited; },
    cleanup() {
      if (!exited) child.kill('SIGKILL');
      for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
    },
  };
}

/** Every process below `pid` (npm → sh → start.mjs → the server). */
function descendants(pid) {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number));
  const found = [];
  for (let queue = [pid]; queue.length > 0;) {
    const parent = queue.shift();
    for (const [child, ppid] of rows) if (ppid === parent) { found.push(child); queue.push(child); }
  }
  return found;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

async function within(ms, promise) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A development sign-in whose JSON body arrives in two parts: the server has the request in
 * flight (headers read, body pending) until `finish()` sends the rest. `agent`: a keep-alive
 * agent leaves the connection open after the answer, as browsers and WeChat do.
 */
async function heldSignIn(port, agent = false) {
  const body = JSON.stringify({ nickname: '晚到的请求' });
  const req = request({
    host: '127.0.0.1', port, method: 'POST', path: '/api/auth/dev', agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const response = new Promise((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 8));
  await new Promise((resolve) => req.once('socket', (socket) => socket.once('connect', resolve)));
  await sleep(300); // the server reads the headers and routes the request
  return { response, finish: () => req.end(body.slice(8)), abort: () => req.destroy() };
}

const launched = [];
afterEach(() => {
  for (const server of launched.splice(0)) server.cleanup();
});

describe('stopping the server', () => {
  it.each([
    ['npm start', 'SIGTERM', 'npm', ['start', '--silent']],
    ['node scripts/start.mjs', 'SIGTERM', process.execPath, ['scripts/start.mjs']],
    ['node scripts/start.mjs', 'SIGINT', process.execPath, ['scripts/start.mjs']],
  ])('%s: %s stops the server it started, which exits 0', async (_name, signal, cmd, args) => {
    const started = await launch(cmd, args);
    launched.push(started);
    const below = descendants(started.child.pid);
    expect(below.length).toBeGreaterThan(0);
    started.child.kill(signal);
    const { code } = await within(5_000, started.exit);
    expect(code).toBe(0);
    expect(await portOpen(started.port)).toBe(false);
    await sleep(200); // the exit of the last process below is reported after its parent's
    expect(below.filter(alive)).toEqual([]);
  });

  it('SIGTERM lets a request in flight (a database write) finish with 200, refuses new connections, then exits 0', async () => {
    const server = await launch(process.execPath, ['server/dist/main.js']);
    launched.push(server);
    const agent = new Agent({ keepAlive: true });
    const held = await heldSignIn(server.port, agent);
    server.child.kill('SIGTERM');
    await sleep(700);
    expect(server.exited).toBe(false); // waiting for the request
    expect(await portOpen(server.port)).toBe(false); // but no longer accepting
    held.finish();
    const answer = await within(5_000, held.response);
    expect(answer.status).toBe(200);
    expect(answer.body.member.nickname).toBe('晚到的请求');
    expect(typeof answer.body.accessToken).toBe('string');
    const { code } = await within(5_000, server.exit); // the kept-alive connection does not hold it up
    expect(code).toBe(0);
    agent.destroy();
  });

  it('a request that never finishes does not keep a stopped server alive: it exits 1 after ~10 s', async () => {
    const server = await launch(process.execPath, ['server/dist/main.js']);
    launched.push(server);
    const held = await heldSignIn(server.port);
    held.response.catch(() => undefined); // the connection is cut at exit
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const { code, at } = await within(15_000, server.exit);
    expect(code).toBe(1);
    expect(at - signalled).toBeGreaterThanOrEqual(9_500);
    held.abort();
  }, 30_000);
});
