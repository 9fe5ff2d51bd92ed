import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Allow, IsOptional, IsString } from 'class-validator';
import { OPEN_API_HEADERS, type OpenEarnRequest, type OpenMemberDto, type OpenPointsResultDto, type OpenReverseRequest, type OpenSpendRequest, type StatementDto } from '@jifen/shared';
import { Public } from '../auth/decorators.js';
import { DomainError } from '../common/errors.js';
import { IdPipe } from '../common/validation.js';
import { StatementsService } from '../ledger/statements.service.js';
import { type OpenCaller, OpenApiGuard, OpenScope } from './open-api.guard.js';
import { PosPointsService } from './pos-points.service.js';

class EarnBody implements OpenEarnRequest {
  // Checked by PosPointsService, which names the field.
  @ApiProperty({ description: 'The member (from a member code or phone lookup)' })
  @Allow()
  memberId: number;

  @ApiProperty({ description: 'What the member paid at the till, in fen (1 … 2³¹−1)' })
  @Allow()
  amountFen: number;

  @ApiProperty({ description: 'The store (1–32 letters, digits, - or _)' })
  @Allow()
  storeId: string;

  @ApiProperty({ description: 'The POS order number: with the key and store, a repeat returns the first answer' })
  @Allow()
  posOrderNo: string;
}

/** The headers every request carries, in the OpenAPI document. */
class SpendBody implements OpenSpendRequest {
  @ApiProperty({ description: 'The member code scanned from 我的 → 会员码 (18 digits, fresh: this minute or the last)' })
  @Allow()
  memberCode: string;

  @ApiProperty({ description: 'Points to spend (1 … 2³¹−1)' })
  @Allow()
  points: number;

  @ApiProperty()
  @Allow()
  storeId: string;

  @ApiProperty({ description: 'With the key and store, a repeat returns the first answer' })
  @Allow()
  posOrderNo: string;
}

class ReverseBody implements OpenReverseRequest {
  @ApiProperty()
  @Allow()
  storeId: string;

  @ApiProperty({ description: 'The POS order whose earn or spend is reversed' })
  @Allow()
  posOrderNo: string;

  @ApiProperty({ enum: ['earn', 'spend'] })
  @Allow()
  of: 'earn' | 'spend';

  @ApiPropertyOptional({ description: 'Points to reverse; all that is left when omitted' })
  @Allow()
  points?: number;

  @ApiProperty({ description: 'The POS refund number: each reverses once' })
  @Allow()
  refundNo: string;
}

class StatementQueryOpen {
  @ApiProperty({ description: 'A Shanghai month, YYYY-MM' })
  @IsOptional()
  @IsString()
  month?: string;
}

class LookupQuery {
  @ApiPropertyOptional({ description: 'A member code' })
  @IsOptional()
  @IsString()
  code?: string;

  @ApiPropertyOptional({ description: 'A phone number (keys with members:read only)' })
  @IsOptional()
  @IsString()
  phone?: string;
}

const Signed = () => applyDecorators(
  ApiHeader({ name: OPEN_API_HEADERS.key, required: true, description: 'The key id (ak_…) from 管理 → 开放接口' }),
  ApiHeader({ name: OPEN_API_HEADERS.timestamp, required: true, description: 'Unix milliseconds; refused beyond ±5 minutes' }),
  ApiHeader({ name: OPEN_API_HEADERS.nonce, required: true, description: '8–64 of [A-Za-z0-9_-], never reused within 10 minutes' }),
  ApiHeader({ name: OPEN_API_HEADERS.contentSha256, required: true, description: 'SHA-256 (hex) of the body as sent; of the empty string for GET' }),
  ApiHeader({ name: OPEN_API_HEADERS.signature, required: true, description: 'HMAC-SHA256 (hex) with the key’s secret of the canonical request' }),
);

/**
 * The open API for machines (a store's POS, another shop), signed per request with a key from
 * 管理 → 开放接口; not the app's JWT routes. The signing scheme is in docs/open-api.md and the OpenAPI document.
 */
@ApiTags('open')
@Public()
@UseGuards(OpenApiGuard)
@Signed()
@Controller('open/v1')
export class OpenController {
  constructor(
    private readonly pos: PosPointsService,
    private readonly statements: StatementsService,
  ) {}

  /** Checks a key and its signing: answers who you are. */
  @Get('ping')
  @OpenScope(null)
  ping(@Req() req: { openCaller: OpenCaller }): { keyId: string; scopes: string[] } {
    return { keyId: req.openCaller.keyId, scopes: req.openCaller.scopes };
  }

  /** A member by member code or phone, with balance and what expires soon. */
  @Get('members/lookup')
  @OpenScope(null)
  lookup(@Req() req: { openCaller: OpenCaller }, @Query() query: LookupQuery): Promise<OpenMemberDto> {
    return this.pos.lookup(req.openCaller, query);
  }

  /** 积分对账单 of a member's Shanghai month (YYYY-MM): opening, every entry with where and when, closing. */
  @Get('members/:id/statement')
  @OpenScope('members:read')
  statement(@Param('id', IdPipe) id: number, @Query() query: StatementQueryOpen): Promise<StatementDto> {
    return this.statements.of(id, query.month ?? '');
  }

  /** 积分抵扣: the member's fresh code is the consent; one code, one spend. */
  @Post('points/spend')
  @HttpCode(200)
  @OpenScope('points:spend')
  spend(@Req() req: { openCaller: OpenCaller }, @Body() body: SpendBody): Promise<OpenPointsResultDto> {
    return this.pos.spend(req.openCaller.keyId, body);
  }

  /** 撤销 a POS order's earn (needs points:earn) or spend (points:spend), whole or part, once per refund number. */
  @Post('points/reverse')
  @HttpCode(200)
  @OpenScope(null)
  reverse(@Req() req: { openCaller: OpenCaller }, @Body() body: ReverseBody): Promise<OpenPointsResultDto> {
    const needs = body?.of === 'spend' ? 'points:spend' : 'points:earn';
    if (!req.openCaller.scopes.includes(needs)) throw new DomainError('OPEN_API_SCOPE_MISSING', `该密钥没有 ${needs} 权限`);
    return this.pos.reverse(req.openCaller.keyId, body);
  }

  /** 门店消费得积分: an offline purchase earns as online (tier, campaigns); idempotent by key + store + POS order number. */
  @Post('points/earn')
  @HttpCode(200)
  @OpenScope('points:earn')
  earn(@Req() req: { openCaller: OpenCaller }, @Body() body: EarnBody): Promise<OpenPointsResultDto> {
    return this.pos.earn(req.openCaller.keyId, body);
  }
}
