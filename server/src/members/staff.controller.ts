import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Role, RoleChangeRequest, StaffMemberDto } from '@jifen/shared';
import { Roles } from '../auth/decorators.js';
import { IdPipe } from '../common/validation.js';
import { StaffService } from './staff.service.js';

class RoleChangeDto implements RoleChangeRequest {
  @IsIn(['owner', 'operator', 'member'])
  role: Role;
}

class StaffSearchQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** 管理 → 店员与权限: owners only (operators cannot appoint anyone). Changes are audited by the interceptor. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('owner')
@Controller('admin/staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  list(): Promise<StaffMemberDto[]> {
    return this.staff.staff();
  }

  /** Members to appoint: by id, whole phone number or part of the nickname. */
  @Get('search')
  search(@Query() query: StaffSearchQuery): Promise<StaffMemberDto[]> {
    return this.staff.search(query.q ?? '');
  }

  @Post(':id/role')
  @HttpCode(200)
  setRole(@Param('id', IdPipe) id: number, @Body() body: RoleChangeDto): Promise<StaffMemberDto> {
    return this.staff.setRole(id, body.role);
  }
}
