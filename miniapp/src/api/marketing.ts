import type { CouponBatchDto, CreateBatchRequest, CreateTagRequest, CreateWinbackRequest, TagDto } from '@jifen/shared';
import { request } from './request';

/** The RFM groups first, then operators' tags, each with its member count. */
export function listTags(): Promise<TagDto[]> {
  return request({ method: 'GET', path: '/api/admin/tags' });
}

/** Silent: the sheet words the refusal (a name taken, an unknown category). */
export function createTag(body: CreateTagRequest): Promise<TagDto> {
  return request({ method: 'POST', path: '/api/admin/tags', data: body, silent: true });
}

export function deleteTag(id: number): Promise<{ removed: number }> {
  return request({ method: 'DELETE', path: `/api/admin/tags/${id}` });
}

export function tagMembers(id: number, memberIds: number[]): Promise<{ added: number; members: number }> {
  return request({ method: 'POST', path: `/api/admin/tags/${id}/members`, data: { memberIds } });
}

export function untagMember(id: number, memberId: number): Promise<{ removed: number }> {
  return request({ method: 'DELETE', path: `/api/admin/tags/${id}/members/${memberId}` });
}

export function previewBatch(tagId: number): Promise<{ audience: number }> {
  return request({ method: 'GET', path: '/api/admin/coupon-batches/preview', query: { tagId } });
}

/** One send per key: a retried tap returns the first batch. Silent: the sheet words the refusal. */
export function sendBatch(body: CreateBatchRequest, key: string): Promise<CouponBatchDto> {
  return request({ method: 'POST', path: '/api/admin/coupon-batches', data: body, header: { 'Idempotency-Key': key }, silent: true });
}

export function sendWinback(body: CreateWinbackRequest, key: string): Promise<CouponBatchDto> {
  return request({ method: 'POST', path: '/api/admin/coupon-batches/winback', data: body, header: { 'Idempotency-Key': key }, silent: true });
}

export function listBatches(): Promise<CouponBatchDto[]> {
  return request({ method: 'GET', path: '/api/admin/coupon-batches' });
}
