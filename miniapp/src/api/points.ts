import type { EntryKind, Page, PointsBalanceDto, PointsEntryDto } from '@jifen/shared';
import { request } from './request';

/** Available, pending, debt and what expires within 30 days (soonest first). */
export function getPointsBalance(options: { silent?: boolean } = {}): Promise<PointsBalanceDto> {
  return request({ method: 'GET', path: '/api/points', silent: options.silent });
}

export interface EntriesQuery {
  /** Only these kinds; all kinds when empty. */
  kinds?: readonly EntryKind[];
  /** `next` of the previous page. */
  cursor?: string | null;
  limit?: number;
}

/** The member's points history, newest first, one page at a time. */
export function listPointsEntries({ kinds, cursor, limit }: EntriesQuery = {}): Promise<Page<PointsEntryDto>> {
  return request({
    method: 'GET',
    path: '/api/points/entries',
    query: { kind: kinds?.length ? kinds.join(',') : undefined, cursor: cursor ?? undefined, limit },
  });
}
