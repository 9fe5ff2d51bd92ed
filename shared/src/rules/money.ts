/** Money is integer fen; these helpers keep floats away from it. */

export function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
}

/** "12.30" (yuan, two decimals) for an amount in fen, without float arithmetic; the UI adds ¥. */
export function formatYuan(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return `${yuan}.${cents.toString().padStart(2, '0')}`;
}
