// Shared helpers for benchmarks: concurrent workers, latency percentiles, a printed table.
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
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { name, ops: total / seconds, p50: pct(50), p99: pct(99), total };
}

export function printTable(title, rows, baseline) {
  console.log(`\n${title}`);
  console.log('case                               ops/s     p50 ms   p99 ms   ÷ baseline');
  for (const r of rows) {
    const ratio = baseline ? (r.ops / baseline.ops).toFixed(2) : '';
    console.log(`${r.name.padEnd(32)} ${r.ops.toFixed(0).padStart(8)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(8)}   ${ratio.padStart(6)}`);
  }
}
