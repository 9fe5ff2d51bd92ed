import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { AdjustmentDecisionRequest, AdjustmentDto, AdjustmentStatus, FlagDto, FlagStatus } from '@jifen/shared';
import { CurrentMember, Roles, type Caller } from '../auth/decorators.js';
import { IdPipe } from '../common/validation.js';
import { AdjustmentsService } from './adjustments.service.js';
import { FlagsService } from './flags.service.js';

class AdjustmentsQuery {
  @IsOptional()
  @IsIn(['applied', 'pending', 'approved', 'rejected'])
  status?: AdjustmentStatus;
}

class DecisionBody implements AdjustmentDecisionRequest {
  @ApiProperty({ required: false, description: 'A note for the record (≤ 200 characters)' })
  @IsOptional()
  @IsString()
  note?: string;
}

class FlagsQuery {
  @IsOptional()
  @IsIn(['open', 'cleared', 'clawed_back'])
  status?: FlagStatus;
}

class ClawBackBody {
  @ApiProperty({ description: 'Why the points are taken back (≤ 100 characters)' })
  @IsString({ message: 'reason: 请填写追回原因' })
  reason: string;
}

/** 管理 → 积分审核: adjustments waiting for an owner, and the ledger's flagged entries. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin')
export class LedgerAdminController {
  constructor(
    private readonly adjustments: AdjustmentsService,
    private readonly flags: FlagsService,
  ) {}

  @Get('adjustments')
  listAdjustments(@Query() query: AdjustmentsQuery): Promise<AdjustmentDto[]> {
    return this.adjustments.list({ status: query.status });
  }

  /** Owners only, and never their own request. */
  @Post('adjustments/:id/approve')
  @Roles('owner')
  @HttpCode(200)
  approve(@Param('id', IdPipe) id: number, @Body() body: DecisionBody, @CurrentMember() caller: Caller): Promise<AdjustmentDto> {
    return this.adjustments.approve(id, caller.id, body.note);
  }

  @Post('adjustments/:id/reject')
  @Roles('owner')
  @HttpCode(200)
  reject(@Param('id', IdPipe) id: number, @Body() body: DecisionBody, @CurrentMember() caller: Caller): Promise<AdjustmentDto> {
    return this.adjustments.reject(id, caller.id, body.note);
  }

  @Get('flags')
  listFlags(@Query() query: FlagsQuery): Promise<FlagDto[]> {
    return this.flags.list(query.status);
  }

  @Post('flags/:id/clear')
  @HttpCode(200)
  clear(@Param('id', IdPipe) id: number, @CurrentMember() caller: Caller): Promise<FlagDto> {
    return this.flags.clear(id, caller.id);
  }

  @Post('flags/:id/claw-back')
  @HttpCode(200)
  clawBack(@Param('id', IdPipe) id: number, @Body() body: ClawBackBody, @CurrentMember() caller: Caller): Promise<FlagDto> {
    return this.flags.clawBack(id, caller.id, body.reason);
  }
}
