import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import type { DevLoginRequest, RefreshRequest, WechatLoginRequest } from '@jifen/shared';

export class WechatLoginDto implements WechatLoginRequest {
  @ApiProperty({ description: 'wx.login code' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  code: string;
}

export class DevLoginDto implements DevLoginRequest {
  @ApiProperty({ example: '小明' })
  @IsString()
  @Matches(/\S/, { message: 'nickname must not be blank' })
  @MaxLength(32)
  nickname: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  refreshToken: string;
}
