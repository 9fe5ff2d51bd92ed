/** Money is integer fen; these helpers keep floats away from it. */

export function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
}

/** "¥12.30" style text for an amount in fen, without float arithmetic. */
export function formatYuan(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return `${yuan}.${cents.toString().padStart(2, '0')}`;
}
