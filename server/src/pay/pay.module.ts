import { Module } from '@nestjs/common';
import { WechatPayClient } from './wechatpay.client.js';

/** WeChat Pay API v3: the client the orders module uses (config and Clock come from ConfigModule). */
@Module({ providers: [WechatPayClient], exports: [WechatPayClient] })
export class PayModule {}
