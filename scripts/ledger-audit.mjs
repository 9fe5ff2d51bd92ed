#!/usr/bin/env node
// `npm run ledger:audit [-- --member ID]`: checks every ledger invariant on the configured
// database (DATABASE_URL or the SQLite file) and lists any drift; exits 1 when there is one.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(`${root}server/dist/ledger/ledger-audit.service.js`)) {
  execSync('npm run build -w shared && npm run build -w server', { cwd: root, stdio: 'inherit' });
}
const arg = process.argv.indexOf('--member');
const memberId = arg > 0 ? Number(process.argv[arg + 1]) : undefined;
if (memberId !== undefined && !Number.isSafeInteger(memberId)) {
  console.error('usage: npm run ledger:audit [-- --member ID]');
  process.exit(2);
}
const { loadConfig } = await import('../server/dist/config/config.js');
const { createApp } = await import('../server/dist/app.factory.js');
const { LedgerAudit } = await import('../server/dist/ledger/ledger-audit.service.js');

const app = await createApp({ ...loadConfig(), logRequests: false, seedDemo: false }, { logger: ['warn', 'error'] });
const report = await app.get(LedgerAudit).run(memberId);
await app.close();
console.log(`ledger audit: ${report.members} accounts, ${report.entries} entries, ${report.drifts.length} drift(s)`);
for (const d of report.drifts) console.log(`  member ${d.memberId ?? '-'}: ${d.check}: ${d.detail}`);
process.exit(report.ok ? 0 : 1);
