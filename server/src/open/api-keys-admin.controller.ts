import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import type { CreatedOpenApiKeyDto, CreateOpenApiKeyRequest, OpenApiKeyDto, OpenApiRequestDto, OpenApiScope } from '@jifen/shared';
import { CurrentMember, Roles, type Caller } from '../auth/decorators.js';
import { ApiKeysService } from './api-keys.service.js';

class CreateKeyBody implements CreateOpenApiKeyRequest {
  // Checked by ApiKeysService, which names the field.
  @ApiProperty({ description: 'What the key is for (1–40 characters), e.g. 南京路店收银' })
  @Allow()
  name: string;

  @ApiProperty({ description: 'members:read · points:earn · points:spend · webhooks', type: [String] })
  @Allow()
  scopes: OpenApiScope[];

  @ApiPropertyOptional({ description: 'Requests a minute (1–60000, default 600)' })
  @Allow()
  ratePerMinute?: number;
}

/** 管理 → 开放接口 (owners only): keys for POS and other shops; the secret is shown once. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner')
@Controller('admin/open-api/keys')
export class ApiKeysAdminController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  list(): Promise<OpenApiKeyDto[]> {
    return this.keys.list();
  }

  @Post()
  create(@Body() body: CreateKeyBody, @CurrentMember() caller: Caller): Promise<CreatedOpenApiKeyDto> {
    return this.keys.create(body, caller.id);
  }

  /** What the key did lately, refusals with their codes. */
  @Get(':keyId/requests')
  requests(@Param('keyId') keyId: string): Promise<OpenApiRequestDto[]> {
    return this.keys.requests(keyId);
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  revoke(@Param('keyId') keyId: string): Promise<OpenApiKeyDto> {
    return this.keys.revoke(keyId);
  }
}
