import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import type { CreateOrderRequest, OrderStatus, QuoteRequest, RefundRequest, ShipRequest } from '@jifen/shared';
import { ORDER_STATUS_LABELS } from '@jifen/shared';
import { Omittable } from '../common/validation.js';
import { MAX_LINES, MAX_QUANTITY } from './checkout.service.js';

class LineInput {
  @IsInt() @Min(1)
  skuId: number;

  @IsInt() @Min(1) @Max(MAX_QUANTITY)
  quantity: number;
}

/** Only choices: anything like a price or total in the body is refused as an unknown field. */
export class QuoteBody implements QuoteRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) @Type(() => LineInput)
  lines: LineInput[];

  /** Omitted = the best coupon; null = none. */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1)
  couponId?: number | null;

  @Omittable() @IsInt() @Min(0) @Max(1_000_000_000)
  points?: number;
}

export class CreateOrderBody extends QuoteBody implements CreateOrderRequest {
  @IsInt() @Min(1)
  addressId: number;

  @Omittable() @IsString() @MaxLength(200)
  remark?: string;

  @Omittable() @IsBoolean()
  fromCart?: boolean;
}

export class ShipBody implements ShipRequest {
  @IsString() @Length(2, 32)
  expressCompany: string;

  @IsString() @Matches(/^[A-Za-z0-9-]{6,40}$/, { message: 'trackingNo must be 6–40 letters, digits or -' })
  trackingNo: string;
}

class RefundLineInput {
  @IsInt() @Min(1)
  lineId: number;

  @IsInt() @Min(1) @Max(MAX_QUANTITY)
  quantity: number;
}

export class RefundBody implements RefundRequest {
  /** Omitted = everything not yet refunded; when given, at least one line (an empty pick is not "all"). */
  @Omittable() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_LINES) @ValidateNested({ each: true }) @Type(() => RefundLineInput)
  lines?: RefundLineInput[];

  @IsString() @Length(1, 80)
  reason: string;
}

const STATUSES = Object.keys(ORDER_STATUS_LABELS) as OrderStatus[];

export class OrdersQuery {
  /** Comma-separated statuses, e.g. `refunding,refunded`. */
  @IsOptional() @IsString() @Matches(new RegExp(`^(${STATUSES.join('|')})(,(${STATUSES.join('|')}))*$`), { message: `status must be a comma list of ${STATUSES.join(', ')}` })
  status?: string;
}

/** 订单管理's list: statuses, and a search in the order number, the buyer's nickname and the recipient's name or phone. */
export class AdminOrdersQuery extends OrdersQuery {
  @IsOptional() @IsString() @MaxLength(30)
  q?: string;
}

export function statusesOf(query: OrdersQuery): OrderStatus[] {
  return query.status ? (query.status.split(',') as OrderStatus[]) : [];
}

