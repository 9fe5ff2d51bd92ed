#!/usr/bin/env node
// `npm test`: every suite, in order, then one line "N passed, N failed" over all of them.
// - jest: shared rules, server unit tests, server database/API tests on SQLite and on a
//   throwaway MariaDB (installed with apt-get when missing), e2e in Debian's Chromium
// - builds: shared, server, the weapp and H5 mini-program builds (each counts as one test)
import { createSuites, e2e } from './lib/suites.mjs';
import { startMariadb } from './lib/mariadb.mjs';

const { step, jest, record, finish } = createSuites('test-results');

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
  await e2e({ jest });
} else {
  record('e2e in Chromium (not run: a build failed)', 0, 1, 0);
}

process.exit(finish());
