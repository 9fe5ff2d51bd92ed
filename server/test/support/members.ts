import type { DataSource } from 'typeorm';
import { Member } from '../../src/members/member.entity.js';

/** Inserts n members directly (ledger tests need many, fast) and returns their ids. */
export async function createMembers(dataSource: DataSource, n: number, prefix = 'm'): Promise<number[]> {
  const now = new Date('2026-01-01T00:00:00Z');
  const rows = Array.from({ length: n }, (_, i) => ({
    openid: `${prefix}-${i}-${Math.random().toString(36).slice(2, 8)}`, unionid: null, nickname: `${prefix}${i}`,
    avatarUrl: null, role: 'member' as const, tier: 'normal' as const, tokenVersion: 0, createdAt: now, updatedAt: now,
  }));
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const result = await dataSource.getRepository(Member).insert(rows.slice(i, i + 200));
    ids.push(...result.identifiers.map((x) => Number(x.id)));
  }
  return ids;
}
