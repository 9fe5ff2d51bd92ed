#!/usr/bin/env node
// `npm run e2e [-- jest args]`: the builds the end-to-end suite needs (shared and server for the
// server it starts, the H5 build it serves), then the suite in Chromium, as `npm test` runs it.
// SKIP_BUILD=1 runs against what is already built.
import { createSuites, e2e } from '../lib/suites.mjs';

const suites = createSuites('e2e-results');
let built = true;
if (process.env.SKIP_BUILD !== '1') {
  built = (await suites.step('build shared', 'npm', ['run', 'build', '-w', 'shared']))
    && (await suites.step('build server', 'npm', ['run', 'build', '-w', 'server']))
    && (await suites.step('build H5', 'npm', ['run', 'build:h5', '-w', 'miniapp']));
}
if (built) await e2e(suites, process.argv.slice(2));
else suites.record('e2e in Chromium (not run: a build failed)', 0, 1, 0);
process.exit(suites.finish());
