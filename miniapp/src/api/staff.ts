import type { Role, StaffMemberDto } from '@jifen/shared';
import { request } from './request';

/** 管理 → 店员与权限 (owners only). */
export function listStaff(): Promise<StaffMemberDto[]> {
  return request({ method: 'GET', path: '/api/admin/staff' });
}

/** Members by id, whole phone number or part of the nickname. */
export function searchMembers(q: string): Promise<StaffMemberDto[]> {
  return request({ method: 'GET', path: '/api/admin/staff/search', query: { q } });
}

export function setRole(memberId: number, role: Role): Promise<StaffMemberDto> {
  return request({ method: 'POST', path: `/api/admin/staff/${memberId}/role`, data: { role } });
}
