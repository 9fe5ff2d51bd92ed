import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsObject, IsOptional, IsString, Length, Min, ValidateIf } from 'class-validator';
import { type AdminRuleDto, RULE_KEYS, type RuleKey, type RulePreviewDto, type RulePreviewRequest, type RuleRevertRequest, type RuleUpdateRequest, type RuleVersionDto } from '@jifen/shared';
import { CurrentMember, ReadOnly, Roles, type Caller } from '../auth/decorators.js';
import { DomainError } from '../common/errors.js';
import { RulePreviewService } from './rule-preview.service.js';
import { RulesAdminService } from './rules-admin.service.js';

const RuleKeyPipe = new ParseEnumPipe(Object.fromEntries(RULE_KEYS.map((k) => [k, k])), {
  exceptionFactory: () => new DomainError('NOT_FOUND', '没有这项规则'),
});

class RuleUpdateDto implements RuleUpdateRequest {
  @ApiProperty({ description: 'The whole rule (fields as in GET); checked for coherence, 400 naming the field.' })
  @IsObject()
  value: RuleUpdateRequest['value'];

  @IsString()
  @Length(1, 100, { message: 'note: 请写明修改原因（1–100 字）' })
  note: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveFrom?: string;

  @ApiProperty({ type: Number, nullable: true, description: '`head` of the rule as read; 409 RULE_CHANGED when stale.' })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  baseVersion: number | null;
}

class RulePreviewBody implements RulePreviewRequest {
  @ApiProperty({ description: 'The draft rule, whole (fields as in GET); checked as a save would be.' })
  @IsObject()
  value: RulePreviewRequest['value'];
}

class RuleRevertDto implements RuleRevertRequest {
  @IsInt()
  @Min(1)
  versionId: number;

  @IsString()
  @Length(1, 100, { message: 'note: 请写明恢复原因（1–100 字）' })
  note: string;

  @ApiProperty({ type: Number, nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  baseVersion: number | null;
}

/** 管理 → 规则. Everyone in 管理 may read them; only owners change what every member earns. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner', 'operator')
@Controller('admin/rules')
export class RulesAdminController {
  constructor(
    private readonly rules: RulesAdminService,
    private readonly previews: RulePreviewService,
  ) {}

  @Get()
  list(): Promise<AdminRuleDto[]> {
    return this.rules.list();
  }

  @Get(':key/history')
  history(@Param('key', RuleKeyPipe) key: RuleKey): Promise<RuleVersionDto[]> {
    return this.rules.versions(key);
  }

  @Put(':key')
  @Roles('owner')
  update(@Param('key', RuleKeyPipe) key: RuleKey, @Body() body: RuleUpdateDto, @CurrentMember() caller: Caller): Promise<AdminRuleDto> {
    return this.rules.update(key, body, caller.id);
  }

  /** What the last 30 days would have issued under the draft; changes nothing. */
  @Post(':key/preview')
  @HttpCode(200)
  @ReadOnly()
  preview(@Param('key', RuleKeyPipe) key: RuleKey, @Body() body: RulePreviewBody): Promise<RulePreviewDto> {
    return this.previews.preview(key, body.value);
  }

  @Post(':key/revert')
  @Roles('owner')
  @HttpCode(200)
  revert(@Param('key', RuleKeyPipe) key: RuleKey, @Body() body: RuleRevertDto, @CurrentMember() caller: Caller): Promise<AdminRuleDto> {
    return this.rules.revert(key, body, caller.id);
  }
}
