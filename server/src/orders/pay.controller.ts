import { Controller, HttpCode, Param, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { OrderDto } from '@jifen/shared';
import { CurrentMember, type Caller, Public } from '../auth/decorators.js';
import { DomainError } from '../common/errors.js';
import { IdPipe } from '../common/validation.js';
import { WechatPayClient } from '../pay/wechatpay.client.js';
import { PaymentsService } from './payments.service.js';
import { RefundsService } from './refunds.service.js';

/**
 * WeChat Pay calls these. Each notification is verified (signature over the raw body,
 * timestamp window, platform key id) and decrypted by the client before anything is read;
 * a 204 tells WeChat to stop retrying, an error makes it retry later.
 */
@ApiTags('pay')
@Controller('pay')
export class PayController {
  constructor(
    private readonly wechatPay: WechatPayClient,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
  ) {}

  @Public()
  @Post('notify')
  @HttpCode(204)
  async notify(@Req() req: RawBodyRequest<FastifyRequest>): Promise<void> {
    const n = this.wechatPay.verifyNotification(req.headers, rawBodyOf(req));
    if (n.kind !== 'transaction') throw new DomainError('PAY_NOTIFY_INVALID', '不是支付通知');
    await this.payments.applyTransaction(n.transaction, n.id);
  }

  @Public()
  @Post('refund-notify')
  @HttpCode(204)
  async refundNotify(@Req() req: RawBodyRequest<FastifyRequest>): Promise<void> {
    const n = this.wechatPay.verifyNotification(req.headers, rawBodyOf(req));
    if (n.kind !== 'refund') throw new DomainError('PAY_NOTIFY_INVALID', '不是退款通知');
    await this.refunds.applyRefund(n.refund, n.id);
  }

  /** Development without a merchant: the labelled sandbox pays the shopper's own order. */
  @ApiBearerAuth()
  @Post('sandbox/:id')
  @HttpCode(200)
  sandbox(@CurrentMember() caller: Caller, @Param('id', IdPipe) id: number): Promise<OrderDto> {
    return this.payments.sandboxPay(caller.id, id);
  }
}

function rawBodyOf(req: RawBodyRequest<FastifyRequest>): string {
  if (!req.rawBody) throw new DomainError('PAY_NOTIFY_INVALID', '通知内容为空');
  return req.rawBody.toString('utf8');
}
