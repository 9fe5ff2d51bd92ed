import type { AdjustmentDto, AdjustmentRequest, AdjustmentStatus, AdminMemberDto, AdminMemberRowDto, FlagDto, FlagStatus } from '@jifen/shared';
import { request } from './request';

/** 管理 → 会员: id, phone (whole or 138****8000) or part of the nickname; empty lists the newest. */
export function searchAdminMembers(q: string): Promise<AdminMemberRowDto[]> {
  return request({ method: 'GET', path: '/api/admin/members', query: { q } });
}

export function getAdminMember(id: number): Promise<AdminMemberDto> {
  return request({ method: 'GET', path: `/api/admin/members/${id}` });
}

/** The full phone number; the server records who asked. */
export function revealPhone(id: number): Promise<{ phone: string | null }> {
  return request({ method: 'POST', path: `/api/admin/members/${id}/phone`, data: {} });
}

/** Silent: the sheet words the refusal (a field, or not enough points). */
export function adjustPoints(id: number, body: AdjustmentRequest): Promise<AdjustmentDto> {
  return request({ method: 'POST', path: `/api/admin/members/${id}/adjustments`, data: body, silent: true });
}

export function listAdjustments(status?: AdjustmentStatus): Promise<AdjustmentDto[]> {
  return request({ method: 'GET', path: '/api/admin/adjustments', query: { status } });
}

export function decideAdjustment(id: number, decision: 'approve' | 'reject', note?: string): Promise<AdjustmentDto> {
  return request({ method: 'POST', path: `/api/admin/adjustments/${id}/${decision}`, data: note ? { note } : {} });
}

export function listFlags(status: FlagStatus = 'open'): Promise<FlagDto[]> {
  return request({ method: 'GET', path: '/api/admin/flags', query: { status } });
}

export function clearFlag(id: number): Promise<FlagDto> {
  return request({ method: 'POST', path: `/api/admin/flags/${id}/clear`, data: {} });
}

export function clawBackFlag(id: number, reason: string): Promise<FlagDto> {
  return request({ method: 'POST', path: `/api/admin/flags/${id}/claw-back`, data: { reason } });
}
