import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { CouponBatchDto } from '@jifen/shared';
import { CurrentMember, Roles, type Caller } from '../auth/decorators.js';
import { DomainError } from '../common/errors.js';
import { IdPipe, idempotencyKey } from '../common/validation.js';
import { CouponBatchesService } from './coupon-batches.service.js';
import { CreateBatchBody, CreateWinbackBody, PreviewQuery } from './marketing.dto.js';

const KEY_HEADER = { name: 'Idempotency-Key', required: false, description: '8–64 letters, digits, - or _: a retried send returns the first batch' };

/** 管理 → 定向发券 and 流失挽回: count, send as a resumable batch, and see what each send brought. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/coupon-batches')
export class CouponBatchesAdminController {
  constructor(private readonly batches: CouponBatchesService) {}

  @Get()
  list(): Promise<CouponBatchDto[]> {
    return this.batches.list();
  }

  /** How many members a send to the tag would reach now. */
  @Get('preview')
  preview(@Query() query: PreviewQuery): Promise<{ audience: number }> {
    if (!Number.isSafeInteger(query.tagId) || query.tagId < 1) throw new DomainError('VALIDATION_FAILED', 'tagId: 须为正整数编号', [{ field: 'tagId', problems: ['须为正整数编号'] }]);
    return this.batches.preview(query.tagId);
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: number): Promise<CouponBatchDto> {
    return this.batches.get(id);
  }

  @ApiHeader(KEY_HEADER)
  @Post()
  async targeted(@Body() body: CreateBatchBody, @CurrentMember() caller: Caller, @Headers('idempotency-key') key?: string): Promise<CouponBatchDto> {
    const batch = await this.batches.targeted(body, caller.id, idempotencyKey(key));
    this.batches.startSending();
    return batch;
  }

  /** 一键挽回: the at-risk list less a random hold-out. */
  @ApiHeader(KEY_HEADER)
  @Post('winback')
  async winback(@Body() body: CreateWinbackBody, @CurrentMember() caller: Caller, @Headers('idempotency-key') key?: string): Promise<CouponBatchDto> {
    const batch = await this.batches.winback(body, caller.id, idempotencyKey(key));
    this.batches.startSending();
    return batch;
  }
}
