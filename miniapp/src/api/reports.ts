import type { ChurnListDto, DashboardDto, LiabilityDto } from '@jifen/shared';
import { request } from './request';

export function getLiability(): Promise<LiabilityDto> {
  return request({ method: 'GET', path: '/api/admin/reports/liability' });
}

/** The monthly table as CSV text (the same the server offers as a download). */
export function getLiabilityCsv(): Promise<string> {
  return request({ method: 'GET', path: '/api/admin/reports/liability.csv' }) as Promise<string>;
}

export function getDashboard(days: 7 | 30 | 90): Promise<DashboardDto> {
  return request({ method: 'GET', path: '/api/admin/reports/dashboard', query: { days } });
}

export function getChurn(): Promise<ChurnListDto> {
  return request({ method: 'GET', path: '/api/admin/reports/churn' });
}
