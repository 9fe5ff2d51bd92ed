import type { CreatedOpenApiKeyDto, CreateOpenApiKeyRequest, OpenApiKeyDto, OpenApiRequestDto } from '@jifen/shared';
import { request } from './request';

export function listOpenApiKeys(): Promise<OpenApiKeyDto[]> {
  return request({ method: 'GET', path: '/api/admin/open-api/keys' });
}

/** Silent: the sheet words the refusal. The answer's secret is shown once. */
export function createOpenApiKey(body: CreateOpenApiKeyRequest): Promise<CreatedOpenApiKeyDto> {
  return request({ method: 'POST', path: '/api/admin/open-api/keys', data: body, silent: true });
}

export function revokeOpenApiKey(keyId: string): Promise<OpenApiKeyDto> {
  return request({ method: 'POST', path: `/api/admin/open-api/keys/${keyId}/revoke`, data: {} });
}

export function listOpenApiRequests(keyId: string): Promise<OpenApiRequestDto[]> {
  return request({ method: 'GET', path: `/api/admin/open-api/keys/${keyId}/requests` });
}
