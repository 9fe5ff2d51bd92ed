import type { AdminOverviewDto } from '@jifen/shared';
import { request } from './request';

/** The 管理 tab's headline numbers (owner and operator only). */
export function getOverview(): Promise<AdminOverviewDto> {
  return request({ method: 'GET', path: '/api/admin/overview' });
}
