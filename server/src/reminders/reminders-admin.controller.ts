import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import type { PolicyNoticeDto, PolicyNoticeRequest, ReminderStatsDto } from '@jifen/shared';
import { CurrentMember, Roles, type Caller } from '../auth/decorators.js';
import { OptionalInt } from '../common/validation.js';
import { PolicyNoticesService } from './policy-notices.service.js';
import { ReminderStatsService } from './reminder-stats.service.js';

class StatsQuery {
  /** The last this many Shanghai days, today included (default 7). */
  @OptionalInt(31)
  days?: number;
}

class PolicyNoticeBody implements PolicyNoticeRequest {
  @ApiProperty({ description: 'At most 20 characters' })
  @IsString({ message: 'title: 请填写通知标题' })
  title: string;

  @ApiProperty({ description: 'At most 300 characters' })
  @IsString({ message: 'summary: 请填写通知内容' })
  summary: string;
}

/** 管理 → 消息: what the reminders did, and 积分政策变更通知 to every member. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/reminders')
export class RemindersAdminController {
  constructor(
    private readonly stats: ReminderStatsService,
    private readonly notices: PolicyNoticesService,
  ) {}

  @Get('stats')
  getStats(@Query() query: StatsQuery): Promise<ReminderStatsDto> {
    return this.stats.stats(Math.max(1, query.days ?? 7));
  }

  @Get('policy')
  policyNotices(): Promise<PolicyNoticeDto[]> {
    return this.notices.list();
  }

  /** Owners only: it reaches every member. */
  @Post('policy')
  @Roles('owner')
  sendPolicyNotice(@Body() body: PolicyNoticeBody, @CurrentMember() caller: Caller): Promise<PolicyNoticeDto> {
    return this.notices.create(body, caller.id);
  }
}
