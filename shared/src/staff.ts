import type { Role } from './api.js';

/** 管理 → 店员与权限: a member as an owner sees them when appointing staff. Phones are masked. */
export interface StaffMemberDto {
  id: number;
  nickname: string;
  avatarUrl: string | null;
  role: Role;
  /** Masked (138****8000), or null when not bound. */
  phone: string | null;
  joinedAt: string;
}

export interface RoleChangeRequest {
  role: Role;
}
