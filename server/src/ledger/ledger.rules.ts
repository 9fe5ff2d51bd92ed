import { DEFAULT_RULES, type LedgerRule } from '@jifen/shared';

/** Ledger rules; operators change them in 管理 → 规则 (key "ledger"). */
export type LedgerRules = LedgerRule;

export const DEFAULT_LEDGER_RULES: LedgerRules = DEFAULT_RULES.ledger;

/** Largest amount one entry may carry: balances are 32-bit integers in the database. */
export const MAX_POINTS = 2 ** 31 - 1;
