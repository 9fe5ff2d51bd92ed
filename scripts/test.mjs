#!/usr/bin/env node
// `npm test`: every suite, in order, then one line "N passed, N failed" over all of them.
// - jest: shared rules, server unit tests, server database/API tests on SQLite and on a
//   throwaway MariaDB (installed with apt-get when missing), e2e in Debian's Chromium
// - builds: shared, server, the weapp and H5 mini-program builds (each counts as one test)
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './lib/run.mjs';
import { startMariadb } from './lib/mariadb.mjs';

const root = new URL('..', import.meta.url).pathname;
const tmp = join(root, '.tmp/test-results');
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

async function step(name, cmd, args, opts) {
  const t0 = Date.now();
  const code = await run(cmd, args, { cwd: root, ...opts });
  record(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1, Date.now() - t0);
  return code === 0;
}

const jestBin = join(root, 'node_modules/jest/bin/jest.js');

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

const builtShared = await step('build shared', 'npm', ['run', 'build', '-w', 'shared']);
const builtServer = builtShared && (await step('build server', 'npm', ['run', 'build', '-w', 'server']));
await step('typecheck server and its tests', 'npx', ['tsc', '-p', 'server/tsconfig.json', '--noEmit']);
await jest('shared rules', 'shared');
await jest('server unit', 'server', ['test/unit']);
await jest('server db on SQLite', 'server', ['test/db']);

let mariadb = null;
try {
  mariadb = await startMariadb();
  await jest('server db on MariaDB', 'server', ['test/db'], { TEST_DATABASE_URL: mariadb.url });
} catch (error) {
  console.error(`MariaDB suite could not run: ${error.message}`);
  record('server db on MariaDB', 0, 1, 0);
} finally {
  await mariadb?.stop();
}

const builtWeapp = await step('build weapp', 'npm', ['run', 'build:weapp', '-w', 'miniapp']);
if (builtWeapp) await jest('weapp pages render (miniprogram-simulate)', 'miniapp');
else record('weapp render (not run: the build failed)', 0, 1, 0);
const builtH5 = await step('build H5', 'npm', ['run', 'build:h5', '-w', 'miniapp']);
if (builtServer && builtH5) {
  await jest('e2e in Chromium', 'scripts/e2e', ['--runInBand']);
} else {
  record('e2e in Chromium (not run: a build failed)', 0, 1, 0);
}

console.log('\nSuite                                     passed  failed   time');
for (const r of report) {
  console.log(`${r.name.padEnd(40)} ${String(r.passed).padStart(7)} ${String(r.failed).padStart(7)} ${(r.ms / 1000).toFixed(1).padStart(6)}s`);
}
console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
