import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MessagesPageDto } from '@jifen/shared';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { IdPipe, OptionalInt } from '../common/validation.js';
import { MessagesService } from './messages.service.js';

class MessagesQuery {
  @OptionalInt()
  before?: number;
}

/** 消息中心: the member's own notices. */
@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  list(@CurrentMember() caller: Caller, @Query() query: MessagesQuery): Promise<MessagesPageDto> {
    return this.messages.page(caller.id, query.before);
  }

  @Get('unread')
  async unread(@CurrentMember() caller: Caller): Promise<{ unread: number }> {
    return { unread: await this.messages.unread(caller.id) };
  }

  @Post('read-all')
  @HttpCode(200)
  async readAll(@CurrentMember() caller: Caller): Promise<{ unread: number }> {
    return { unread: await this.messages.markAllRead(caller.id) };
  }

  @Post(':id/read')
  @HttpCode(200)
  async read(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number): Promise<{ unread: number }> {
    return { unread: await this.messages.markRead(caller.id, id) };
  }
}
