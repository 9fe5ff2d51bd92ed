// Build steps and jest runs tallied into one report, for `npm test` and `npm run e2e`: a build
// counts as one test; a jest run counts its tests from jest's JSON result.
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run.mjs';

export const root = new URL('../..', import.meta.url).pathname;
const jestBin = join(root, 'node_modules/jest/bin/jest.js');

/** `results` is the folder (under .tmp/) for jest's JSON files; it starts empty. */
export function createSuites(results) {
  const tmp = join(root, '.tmp', results);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const totals = { passed: 0, failed: 0 };
  const report = [];
  const started = Date.now();

  function record(name, passed, failed, ms) {
    totals.passed += passed;
    totals.failed += failed;
    report.push({ name, passed, failed, ms });
    console.log(`\n── ${name}: ${passed} passed, ${failed} failed (${(ms / 1000).toFixed(1)} s)\n`);
  }

  /** Runs a command from the repository root; resolves to whether it succeeded. */
  async function step(name, cmd, args, opts) {
    const t0 = Date.now();
    const code = await run(cmd, args, { cwd: root, ...opts });
    record(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1, Date.now() - t0);
    return code === 0;
  }

  /** Runs jest in `dir` (its own jest.config.mjs) with `args` and extra `env`. */
  async function jest(name, dir, args = [], env = {}) {
    const t0 = Date.now();
    const out = join(tmp, `${name.replace(/\W+/g, '-')}.json`);
    const code = await run(process.execPath, ['--experimental-vm-modules', '--no-warnings', jestBin, '--ci', '--json', `--outputFile=${out}`, ...args], {
      cwd: join(root, dir),
      env,
    });
    let passed = 0;
    let failed = 0;
    if (existsSync(out)) {
      const result = JSON.parse(readFileSync(out, 'utf8'));
      passed = result.numPassedTests;
      // A suite that fails to load has no failed tests of its own: count it as one failure.
      failed = result.numFailedTests + result.numRuntimeErrorTestSuites;
    }
    if (code !== 0 && failed === 0) failed = 1;
    record(name, passed, failed, Date.now() - t0);
  }

  /** Prints the table and the final "N passed, N failed" line; returns the exit code. */
  function finish() {
    console.log('\nSuite                                     passed  failed   time');
    for (const r of report) {
      console.log(`${r.name.padEnd(40)} ${String(r.passed).padStart(7)} ${String(r.failed).padStart(7)} ${(r.ms / 1000).toFixed(1).padStart(6)}s`);
    }
    console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    console.log(`${totals.passed} passed, ${totals.failed} failed`);
    return totals.failed === 0 ? 0 : 1;
  }

  return { step, jest, record, finish };
}

/** The end-to-end suite: the built server serving the H5 build, in Chromium, one file at a time. */
export function e2e({ jest }, args = []) {
  return jest('e2e in Chromium', 'scripts/e2e', ['--runInBand', ...args]);
}
