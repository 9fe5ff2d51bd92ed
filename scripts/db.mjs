#!/usr/bin/env node
// `npm run db`: starts a throwaway MariaDB, prints its DATABASE_URL, and stops and deletes it
// on Ctrl-C. Use it to run the server or the tests against MariaDB by hand.
import { startMariadb } from './lib/mariadb.mjs';

const db = await startMariadb({ quiet: false });
console.log(`MariaDB is up. DATABASE_URL=${db.url}`);
console.log('Press Ctrl-C to stop it (its data is deleted).');
const stop = async () => { await db.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
