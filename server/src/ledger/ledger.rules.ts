/** Ledger rules; operators change them through the rules table (key "ledger"). */
export interface LedgerRules {
  /** Earned points expire this many calendar months later, at the end of that Shanghai day. */
  expiryMonths: number;
  /** Most points a member may earn a Shanghai day from non-purchase sources. */
  dailyCap: number;
  /** An entry of at least this many points is flagged for review. */
  flagSingleEntry: number;
  /** An earning this many times the member's average earning is flagged (after 5 earnings). */
  flagMultipleOfUsual: number;
}

export const LEDGER_RULES_KEY = 'ledger';

export const DEFAULT_LEDGER_RULES: LedgerRules = {
  expiryMonths: 12,
  dailyCap: 2_000,
  flagSingleEntry: 10_000,
  flagMultipleOfUsual: 5,
};

/** Largest amount one entry may carry: balances are 32-bit integers in the database. */
export const MAX_POINTS = 2 ** 31 - 1;
