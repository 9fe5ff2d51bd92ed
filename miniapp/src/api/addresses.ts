import type { AddressDto, AddressInput } from '@jifen/shared';
import { request } from './request';

/** The member's addresses, the default first. */
export function listAddresses(): Promise<AddressDto[]> {
  return request({ method: 'GET', path: '/api/addresses' });
}

/** Silent: the form shows field errors (VALIDATION_FAILED details) inline. */
export function createAddress(input: AddressInput): Promise<AddressDto> {
  return request({ method: 'POST', path: '/api/addresses', data: input, silent: true });
}

export function updateAddress(id: number, input: AddressInput): Promise<AddressDto> {
  return request({ method: 'PUT', path: `/api/addresses/${id}`, data: input, silent: true });
}

export function deleteAddress(id: number): Promise<unknown> {
  return request({ method: 'DELETE', path: `/api/addresses/${id}` });
}

export function setDefaultAddress(id: number): Promise<unknown> {
  return request({ method: 'POST', path: `/api/addresses/${id}/default` });
}
