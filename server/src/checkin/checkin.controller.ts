import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches, Validate } from 'class-validator';
import type { CheckinCalendarDto, CheckinResultDto, MakeupRequest } from '@jifen/shared';
import { CalendarDay } from '../common/validation.js';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { CheckinService } from './checkin.service.js';

class CalendarQuery {
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;
}

class MakeupDto implements MakeupRequest {
  @ApiProperty({ example: '2026-03-01' })
  @Validate(CalendarDay)
  day: string;
}

@ApiTags('checkin')
@ApiBearerAuth()
@Controller('checkin')
export class CheckinController {
  constructor(private readonly checkin: CheckinService) {}

  @Post()
  @HttpCode(200)
  checkIn(@CurrentMember() caller: Caller): Promise<CheckinResultDto> {
    return this.checkin.checkIn(caller.id);
  }

  @Get('calendar')
  calendar(@CurrentMember() caller: Caller, @Query() q: CalendarQuery): Promise<CheckinCalendarDto> {
    return this.checkin.calendar(caller.id, q.month);
  }

  @Post('makeup')
  @HttpCode(200)
  makeUp(@CurrentMember() caller: Caller, @Body() body: MakeupDto): Promise<CheckinResultDto> {
    return this.checkin.makeUp(caller.id, body.day);
  }
}
