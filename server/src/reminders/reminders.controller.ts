import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsArray, IsObject, IsOptional } from 'class-validator';
import type { ConsentAnswerDto, ConsentRequest, ReminderSettingsDto, ReminderSettingsRequest, ReminderTemplatesDto } from '@jifen/shared';
import { CurrentMember, Public, type Caller } from '../auth/decorators.js';
import { ConsentsService } from './consents.service.js';
import { ReminderSettingsService } from './settings.service.js';

class ConsentBody implements ConsentRequest {
  @ApiProperty({ description: 'Template id → accept | reject | ban | filter, as wx.requestSubscribeMessage answered' })
  @IsObject()
  results: ConsentRequest['results'];

  @ApiProperty({ required: false, description: 'The kinds the tapped button offered: turned on in 消息设置; checkin books tomorrow\'s reminder' })
  @IsOptional()
  @IsArray()
  asks?: ConsentRequest['asks'];
}

class SettingsBody implements ReminderSettingsRequest {
  @ApiProperty({ description: 'Kind → true (on) or false (off); kinds left out keep their setting' })
  @IsObject()
  enabled: ReminderSettingsRequest['enabled'];
}

/** Subscription-message consents: which templates to ask for, and what the member answered. */
@ApiTags('reminders')
@Controller('reminders')
export class RemindersController {
  constructor(
    private readonly consents: ConsentsService,
    private readonly settings: ReminderSettingsService,
  ) {}

  @Public()
  @Get('templates')
  templates(): ReminderTemplatesDto {
    return this.consents.templates();
  }

  @ApiBearerAuth()
  @Post('consent')
  @HttpCode(200)
  consent(@CurrentMember() caller: Caller, @Body() body: ConsentBody): Promise<ConsentAnswerDto> {
    return this.consents.record(caller.id, body.results, body.asks);
  }

  /** 消息设置: each kind on or off. */
  @ApiBearerAuth()
  @Get('settings')
  getSettings(@CurrentMember() caller: Caller): Promise<ReminderSettingsDto> {
    return this.settings.get(caller.id);
  }

  @ApiBearerAuth()
  @Put('settings')
  putSettings(@CurrentMember() caller: Caller, @Body() body: SettingsBody): Promise<ReminderSettingsDto> {
    return this.settings.set(caller.id, body.enabled);
  }
}
