import type { AdminBannerDto, BannerDto, BannerInput, CampaignDto, CampaignInput, CampaignState, CampaignUpdate } from '@jifen/shared';
import { request } from './request';

/** 首页 banners (only those live now). Silent: an empty carousel is hidden, not an error. */
export function listBanners(): Promise<BannerDto[]> {
  return request({ method: 'GET', path: '/api/banners', silent: true });
}

/** Campaigns running now, each with its summary and whether it gives points today. */
export function listCampaigns(): Promise<CampaignDto[]> {
  return request({ method: 'GET', path: '/api/campaigns', silent: true });
}

export function getCampaign(id: number): Promise<CampaignDto> {
  return request({ method: 'GET', path: `/api/campaigns/${id}`, silent: true });
}

// ---- 管理 (owner and operator only) ----

export function listAdminCampaigns(state?: CampaignState): Promise<CampaignDto[]> {
  return request({ method: 'GET', path: '/api/admin/campaigns', query: { state } });
}

export function getAdminCampaign(id: number): Promise<CampaignDto> {
  return request({ method: 'GET', path: `/api/admin/campaigns/${id}` });
}

export function createCampaign(body: CampaignInput): Promise<CampaignDto> {
  return request({ method: 'POST', path: '/api/admin/campaigns', data: body });
}

/** The whole campaign with the version it was read at; 409 when someone saved first. */
export function updateCampaign(id: number, body: CampaignUpdate): Promise<CampaignDto> {
  return request({ method: 'PUT', path: `/api/admin/campaigns/${id}`, data: body });
}

export function setCampaignStatus(id: number, status: 'on' | 'off', version: number): Promise<CampaignDto> {
  return request({ method: 'POST', path: `/api/admin/campaigns/${id}/status`, data: { status, version } });
}

export function listAdminBanners(): Promise<AdminBannerDto[]> {
  return request({ method: 'GET', path: '/api/admin/banners' });
}

export function createBanner(body: BannerInput): Promise<AdminBannerDto> {
  return request({ method: 'POST', path: '/api/admin/banners', data: body });
}

export function updateBanner(id: number, body: BannerInput): Promise<AdminBannerDto> {
  return request({ method: 'PUT', path: `/api/admin/banners/${id}`, data: body });
}

/** Every banner id in the order 首页 shows them. */
export function orderBanners(ids: number[]): Promise<AdminBannerDto[]> {
  return request({ method: 'PUT', path: '/api/admin/banners/order', data: { ids } });
}

export function removeBanner(id: number): Promise<void> {
  return request({ method: 'DELETE', path: `/api/admin/banners/${id}` });
}
