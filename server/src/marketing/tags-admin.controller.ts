import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { TagDto } from '@jifen/shared';
import { CurrentMember, Roles, type Caller } from '../auth/decorators.js';
import { IdPipe, intParam } from '../common/validation.js';
import { CreateTagBody, TagMembersBody } from './marketing.dto.js';
import { TagsService } from './tags.service.js';

/** 管理 → 分群与标签: the RFM groups and operators' tags with their counts; manual tags put on and taken off. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/tags')
export class TagsAdminController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  list(): Promise<TagDto[]> {
    return this.tags.list();
  }

  @Post()
  create(@Body() body: CreateTagBody, @CurrentMember() caller: Caller): Promise<TagDto> {
    return this.tags.create(body, caller.id);
  }

  @Delete(':id')
  remove(@Param('id', IdPipe) id: number): Promise<{ removed: number }> {
    return this.tags.remove(id);
  }

  @Post(':id/members')
  @HttpCode(200)
  tag(@Param('id', IdPipe) id: number, @Body() body: TagMembersBody): Promise<{ added: number; members: number }> {
    return this.tags.tag(id, body.memberIds);
  }

  @Delete(':id/members/:memberId')
  untag(@Param('id', IdPipe) id: number, @Param('memberId', intParam('memberId')) memberId: number): Promise<{ removed: number }> {
    return this.tags.untag(id, memberId);
  }
}
