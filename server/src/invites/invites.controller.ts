import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { InviteVisitDto, InviteVisitRequest, MyInvitesDto } from '@jifen/shared';
import { CurrentMember, type Caller } from '../auth/decorators.js';
import { InvitesService } from './invites.service.js';

class VisitDto implements InviteVisitRequest {
  @ApiProperty({ example: 'Ab3dEf7h' })
  @Matches(/^[A-Za-z0-9]{4,16}$/, { message: 'code must be 4 to 16 letters or digits' })
  code: string;
}

@ApiTags('invites')
@ApiBearerAuth()
@Controller('invites')
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Get('me')
  mine(@CurrentMember() caller: Caller): Promise<MyInvitesDto> {
    return this.invites.mine(caller.id);
  }

  /** The member's mini-program code (PNG) for the poster; needs a WeChat AppID. */
  @Get('me/code.png')
  @Header('content-type', 'image/png')
  @Header('cache-control', 'private, max-age=86400')
  posterCode(@CurrentMember() caller: Caller): Promise<Buffer> {
    return this.invites.posterCode(caller.id);
  }

  /** Records that the signed-in member opened an invite link or code (attribution only). */
  @Post('visit')
  @HttpCode(200)
  visit(@CurrentMember() caller: Caller, @Body() body: VisitDto): Promise<InviteVisitDto> {
    return this.invites.visit(caller.id, body.code);
  }
}
