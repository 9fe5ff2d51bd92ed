/**
 * "12.5" → 1250 fen by string handling (no floats); null for anything that is not a plain
 * non-negative amount with at most 2 decimals.
 */
export function parseYuan(text: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{0,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 1250 → "12.50": fen as the yuan an operator types (the inverse of parseYuan). */
export function yuanInput(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
