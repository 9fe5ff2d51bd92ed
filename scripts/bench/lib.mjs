// Shared helpers for benchmarks: concurrent workers, latency percentiles, a printed table, and
// for HTTP benchmarks the server in its own process, its CPU and memory, autocannon runs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';

export async function measure(name, { workers, total, op }) {
  const latencies = new Float64Array(total);
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: workers }, async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const t0 = process.hrtime.bigint();
      await op(i);
      latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, ops: total / seconds, ...percentiles(latencies), total };
}

export function printTable(title, rows, baseline) {
  console.log(`\n${title}`);
  console.log('case                               ops/s     p50 ms   p99 ms   ÷ baseline');
  for (const r of rows) {
    const ratio = baseline ? (r.ops / baseline.ops).toFixed(2) : '';
    console.log(`${r.name.padEnd(32)} ${r.ops.toFixed(0).padStart(8)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(8)}   ${ratio.padStart(6)}`);
  }
}

// ---- Benchmarks over HTTP against the real server in its own process ----


/** p50 and p99 (ms) of a list of latencies. */
export function percentiles(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { p50: pct(50), p99: pct(99) };
}

export { startServerProcess } from '../lib/server-process.mjs';

let ticksPerSecond;
/** CPU time (user + system, µs) and resident memory (MB) of a process, from /proc. */
export function processStats(pid) {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  return { cpuMicros: (ticks / ticksPerSecond) * 1e6, rssMb: rssKb / 1024 };
}

/**
 * Measures one case against a server process: `run()` does the load and resolves to
 * {ops, p50, p99, total, failed, ...}; adds the server's CPU µs per request (`perOp`
 * requests make one op, e.g. 3 for a checkout flow) and its RSS after the run.
 */
export async function withServerStats(name, pid, run, { perOp = 1 } = {}) {
  const before = processStats(pid);
  const client = process.cpuUsage();
  const row = await run();
  const after = processStats(pid);
  const used = process.cpuUsage(client);
  const requests = row.total * perOp;
  return {
    name, ...row, cpuPerRequest: (after.cpuMicros - before.cpuMicros) / requests, rssMb: after.rssMb,
    clientCpuPerRequest: (used.user + used.system) / requests,
  };
}

/**
 * One autocannon run ({amount} or {duration}) with exact latencies (autocannon's own
 * histogram keeps whole milliseconds). `failed` counts non-2xx answers, errors and timeouts.
 */
export async function cannon({ url, connections, amount, duration, requests }) {
  const { default: autocannon } = await import('autocannon');
  const latencies = [];
  // Timed here, first request to last answer: autocannon's own `duration` ends at its next
  // 1-second sample tick, so an {amount} run that takes 4.1 s counts as 5 s.
  const started = process.hrtime.bigint();
  let lastAnswer = started;
  const instance = autocannon({ url, connections, requests, ...(amount ? { amount } : { duration }) });
  instance.on('response', (_client, _status, _bytes, ms) => {
    latencies.push(ms);
    lastAnswer = process.hrtime.bigint();
  });
  const result = await instance;
  const total = result.requests.total;
  const seconds = Number(lastAnswer - started) / 1e9;
  return {
    ops: latencies.length / seconds, ...percentiles(latencies), total,
    failed: result.non2xx + result.errors + result.timeouts, statuses: result.statusCodeStats,
  };
}

/** A JSON client on `connections` keep-alive sockets, for request chains autocannon cannot express. */
export function jsonClient(baseUrl, connections) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(baseUrl);
  const call = (method, path, { token, body, headers = {} } = {}) => new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({
      agent, hostname, port, method, path,
      headers: {
        ...headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = text ? JSON.parse(text) : undefined; } catch { json = text; }
        resolve({ status: res.statusCode, body: json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
  return { call, close: () => agent.destroy() };
}

/** Runs `op(i)` for i in [0, total) on `concurrency` workers: for setup, no timing. */
export async function inParallel(total, concurrency, op) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, async () => {
    for (let i = next++; i < total; i = next++) await op(i);
  }));
}
