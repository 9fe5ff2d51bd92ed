#!/usr/bin/env node
// Loads the demo shop into the configured database (DATABASE_URL, or the SQLite file) when
// it is empty. `npm start` does this by itself; this is for a database you started by hand.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(`${root}server/dist/seed/seed-app.js`)) {
  execSync('npm run build -w shared && npm run build -w server', { cwd: root, stdio: 'inherit' });
}
const { loadConfig } = await import('../server/dist/config/config.js');
const { seedDemoApart } = await import('../server/dist/seed/seed-app.js');

const seeded = await seedDemoApart(loadConfig());
console.log(seeded ? 'demo data loaded' : 'database not empty: nothing loaded');
