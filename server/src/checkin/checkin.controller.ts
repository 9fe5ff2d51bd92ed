import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { type CheckinCalendarDto, type CheckinResultDto, type MakeupRequest, startOfShanghaiDay } from '@jifen/shared';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { CheckinService } from './checkin.service.js';

@ValidatorConstraint({ name: 'calendarDay' })
class CalendarDay implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    try {
      return typeof value === 'string' && Boolean(startOfShanghaiDay(value));
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'day must be a real date as YYYY-MM-DD';
  }
}

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
