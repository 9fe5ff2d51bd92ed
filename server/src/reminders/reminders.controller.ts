import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import type { ConsentAnswerDto, ConsentRequest, ReminderTemplatesDto } from '@jifen/shared';
import { CurrentMember, Public, type Caller } from '../auth/decorators.js';
import { ConsentsService } from './consents.service.js';

class ConsentBody implements ConsentRequest {
  @ApiProperty({ description: 'Template id → accept | reject | ban | filter, as wx.requestSubscribeMessage answered' })
  @IsObject()
  results: ConsentRequest['results'];
}

/** Subscription-message consents: which templates to ask for, and what the member answered. */
@ApiTags('reminders')
@Controller('reminders')
export class RemindersController {
  constructor(private readonly consents: ConsentsService) {}

  @Public()
  @Get('templates')
  templates(): ReminderTemplatesDto {
    return this.consents.templates();
  }

  @ApiBearerAuth()
  @Post('consent')
  @HttpCode(200)
  consent(@CurrentMember() caller: Caller, @Body() body: ConsentBody): Promise<ConsentAnswerDto> {
    return this.consents.record(caller.id, body.results);
  }
}
