export * from './api.js';
export * from './errors.js';
export * from './ledger.js';
export * from './time.js';
export * from './rules/money.js';
export * from './rules/points.js';
export * from './rules/tiers.js';
export * from './rules/checkin.js';
