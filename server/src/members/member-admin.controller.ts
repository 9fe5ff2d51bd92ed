import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Allow, IsOptional, IsString } from 'class-validator';
import type { AdjustmentDto, AdjustmentRequest, AdminMemberDto, AdminMemberRowDto } from '@jifen/shared';
import { CurrentMember, Roles, type Caller } from '../auth/decorators.js';
import { IdPipe } from '../common/validation.js';
import { MemberAdminService } from './member-admin.service.js';

class SearchQuery {
  /** Id, phone (whole or 138****8000) or part of the nickname; empty lists the newest members. */
  @IsOptional()
  @IsString()
  q?: string;
}

class AdjustmentBody implements AdjustmentRequest {
  // Checked by AdjustmentsService, which names the field and the rule broken.
  @ApiProperty({ description: 'Signed whole points: + adds, − takes away' })
  @Allow()
  amount: number;

  @ApiProperty({ description: 'Why (≤ 100 characters); the member sees it in 积分明细' })
  @Allow()
  reason: string;
}

/** 管理 → 会员: search, a member's page, the full phone on request, 调整积分. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/members')
export class MemberAdminController {
  constructor(private readonly members: MemberAdminService) {}

  @Get()
  search(@Query() query: SearchQuery): Promise<AdminMemberRowDto[]> {
    return this.members.search(query.q ?? '');
  }

  @Get(':id')
  detail(@Param('id', IdPipe) id: number): Promise<AdminMemberDto> {
    return this.members.detail(id);
  }

  /** The unmasked number; a POST so that the audit log keeps who looked. */
  @Post(':id/phone')
  @HttpCode(200)
  phone(@Param('id', IdPipe) id: number): Promise<{ phone: string | null }> {
    return this.members.phone(id);
  }

  @Post(':id/adjustments')
  adjust(@Param('id', IdPipe) id: number, @Body() body: AdjustmentBody, @CurrentMember() caller: Caller): Promise<AdjustmentDto> {
    return this.members.adjust(id, body, caller.id);
  }
}
