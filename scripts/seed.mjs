#!/usr/bin/env node
// Loads the demo shop into the configured database (DATABASE_URL, or the SQLite file) when
// it is empty. `npm start` does this by itself; this is for a database you started by hand.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(`${root}server/dist/seed/demo-seed.js`)) {
  execSync('npm run build -w shared && npm run build -w server', { cwd: root, stdio: 'inherit' });
}
const { loadConfig } = await import('../server/dist/config/config.js');
const { createApp } = await import('../server/dist/app.factory.js');
const { seedDemo } = await import('../server/dist/seed/demo-seed.js');

const app = await createApp({ ...loadConfig(), logRequests: false }, { logger: ['warn', 'error'] });
const seeded = await seedDemo(app);
console.log(seeded ? 'demo data loaded' : 'database not empty: nothing loaded');
await app.close();
