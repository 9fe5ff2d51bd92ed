import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { Type } from 'class-transformer';
import type { CreateBatchRequest, CreateTagRequest, CreateWinbackRequest, TagRule } from '@jifen/shared';

// Fields are checked by the services, which name the field and the rule broken.

export class CreateTagBody implements CreateTagRequest {
  @ApiProperty({ description: '1–16 characters, unique' })
  @Allow()
  name: string;

  @ApiPropertyOptional({ description: 'bought_category {categoryId, days} · tier_at_least {tier} · balance_at_least {points}; none for a manual tag' })
  @Allow()
  rule?: TagRule | null;
}

export class TagMembersBody {
  @ApiProperty({ description: '1–10,000 member ids', type: [Number] })
  @Allow()
  memberIds: number[];
}

export class CreateBatchBody implements CreateBatchRequest {
  @ApiProperty()
  @Allow()
  templateId: number;

  @ApiProperty({ description: 'A segment or tag' })
  @Allow()
  tagId: number;
}

export class CreateWinbackBody implements CreateWinbackRequest {
  @ApiProperty()
  @Allow()
  templateId: number;

  @ApiPropertyOptional({ description: 'Hold-out share, 0–50 (%); the rule’s when left out' })
  @Allow()
  holdoutPct?: number;

  @ApiPropertyOptional({ description: 'Days before the result is read (1–180); the rule’s when left out' })
  @Allow()
  days?: number;
}

export class PreviewQuery {
  @ApiProperty()
  @Type(() => Number)
  @Allow()
  tagId: number;
}
