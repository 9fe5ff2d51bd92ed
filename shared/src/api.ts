/** Request and response shapes of the HTTP API (`/api`), used by both sides. */

export type Role = 'owner' | 'operator' | 'member';

export const OPERATOR_ROLES: readonly Role[] = ['owner', 'operator'];

export function isOperator(role: Role): boolean {
  return OPERATOR_ROLES.includes(role);
}

/** 13800138000 → 138****8000: phones are masked everywhere but the operator's member page. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export interface PointsSummary {
  available: number;
  pending: number;
}

export interface MeDto {
  id: number;
  nickname: string;
  avatarUrl: string | null;
  role: Role;
  tier: TierName;
  points: PointsSummary;
  /** Masked, e.g. 138****8000; null until verified. */
  phone: string | null;
  /** Sign-up completed with a verified phone (gift granted, invites credited). */
  signedUp: boolean;
  birthday: string | null;
  /** ISO time in UTC. */
  joinedAt: string;
}

export interface AuthResult {
  accessToken: string;
  /**
   * Used once: POST /api/auth/refresh retires it and answers with the next one, which the
   * client must keep. Sending a retired one again signs that device out.
   */
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  member: MeDto;
}

export interface WechatLoginRequest {
  code: string;
}

export interface ProfileRequest {
  nickname?: string;
  /** YYYY-MM-DD; can be set once (it doubles check-in points in its month). */
  birthday?: string;
}

export interface PhoneRequest {
  /** The getPhoneNumber button's code. */
  code: string;
}

export interface DevPhoneRequest {
  phone: string;
}

export interface SignupResultDto {
  member: MeDto;
  /** Points of the new-member gift granted now (0 when sign-up was already complete). */
  giftPoints: number;
  /** Names of the new-member coupons on their way to the wallet (empty when none, or not the first sign-up). */
  giftCoupons: string[];
}

export interface DevLoginRequest {
  nickname: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

/** POST /api/auth/logout: sign-out on this device, by its current refresh token. */
export type LogoutRequest = RefreshRequest;

/** What the client may use to sign in; dev is true only without a WeChat AppID. */
export interface AuthOptionsDto {
  wechat: boolean;
  dev: boolean;
}

export interface HealthDto {
  status: 'ok';
  database: 'sqlite' | 'mysql' | 'mariadb';
  migrations: { applied: number; pending: number; last: string | null };
  devSignIn: boolean;
  time: string;
}

export interface CategoryDto {
  id: number;
  name: string;
  icon: string;
}

export interface GoodsDto {
  id: number;
  categoryId: number;
  title: string;
  subtitle: string;
  image: string;
  /** Lowest SKU price, in fen. */
  priceFen: number;
  /** Price before discount, in fen, when there is one. */
  originalPriceFen: number | null;
  /** Points price in the points mall, when the goods are sold there. */
  pointsPrice: number | null;
  sales: number;
  stock: number;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, null at the end. */
  next: string | null;
}

export type TierName = 'normal' | 'silver' | 'gold' | 'diamond';

/** The operator's landing numbers in the 管理 tab. */
export interface AdminOverviewDto {
  members: { total: number; today: number; operators: number };
  goods: { onSale: number; soldOut: number };
  /** Shanghai day the "today" figures count, YYYY-MM-DD. */
  day: string;
}

export interface TierInfoDto {
  tier: TierName;
  label: string;
  /** Yuan paid in the last 12 months (completed orders). */
  growth: number;
  multiplierPct: number;
  mallDiscountPct: number;
  /** The shop's points per yuan before the multiplier (the earn rule). */
  pointsPerYuan: number;
  /** The next tier up and the growth still needed, or null at the top. */
  next: { tier: TierName; label: string; minGrowth: number; need: number } | null;
  benefits: string[];
  tiers: { tier: TierName; label: string; minGrowth: number; multiplierPct: number; mallDiscountPct: number }[];
}
