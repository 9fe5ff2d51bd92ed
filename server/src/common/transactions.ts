// Transitional: the unit of work moved to Db (db.ts); code still naming Transactions gets Db.
export { Db as Transactions } from './db.js';
