import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { IdPipe, Omittable } from '../common/validation.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsString, Length, Matches } from 'class-validator';
import type { AddressDto, AddressInput } from '@jifen/shared';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { AddressesService } from './addresses.service.js';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

class AddressBody implements AddressInput {
  @trim()
  @IsString()
  @Length(1, 20)
  name: string;

  @IsString()
  @Matches(/^1[3-9]\d{9}$/, { message: 'phone must be an 11-digit mainland mobile number' })
  phone: string;

  @trim()
  @IsString()
  @Length(1, 20)
  province: string;

  @trim()
  @IsString()
  @Length(1, 20)
  city: string;

  @trim()
  @IsString()
  @Length(1, 20)
  district: string;

  @trim()
  @IsString()
  @Length(2, 120)
  detail: string;

  @Omittable()
  @IsBoolean()
  isDefault?: boolean;
}


/** Personal data: nothing here is logged. */
@ApiTags('addresses')
@ApiBearerAuth()
@Controller('addresses')
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  @Get()
  list(@CurrentMember() caller: Caller): Promise<AddressDto[]> {
    return this.addresses.list(caller.id);
  }

  @Post()
  @HttpCode(200)
  create(@CurrentMember() caller: Caller, @Body() body: AddressBody): Promise<AddressDto> {
    return this.addresses.create(caller.id, body);
  }

  @Put(':id')
  update(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number, @Body() body: AddressBody): Promise<AddressDto> {
    return this.addresses.update(caller.id, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number): Promise<void> {
    await this.addresses.remove(caller.id, id);
  }

  @Post(':id/default')
  @HttpCode(200)
  setDefault(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number): Promise<AddressDto> {
    return this.addresses.setDefault(caller.id, id);
  }
}
