import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EXPRESS_COMPANIES, maskPhone } from '@jifen/shared';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Db } from '../common/db.js';
import { Events } from '../events/events.service.js';
import type { EventPayloads } from '../events/events.js';
import { MembersService } from '../members/members.service.js';
import { beijingRfc3339 } from '../pay/wechatpay.client.js';
import { WechatClient } from '../wechat/wechat.client.js';
import type { AddressSnapshot } from './order.entities.js';
import { OrderLine } from './order.entities.js';
import { OrderBook } from './order-book.js';

/**
 * Tells WeChat about each shipment of a WeChat-paid order (发货信息录入), after the ship
 * commits; a failure is retried by the outbox with backoff. Sandbox and zero-pay orders have
 * no WeChat transaction, and a company WeChat has no id for is left to the merchant platform.
 */
@Injectable()
export class ShippingReports implements OnModuleInit {
  private readonly logger = new Logger('ShippingReports');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly events: Events,
    private readonly book: OrderBook,
    private readonly members: MembersService,
    private readonly wechat: WechatClient,
  ) {}

  onModuleInit(): void {
    this.events.on('order.shipped', (e) => this.report(e));
  }

  async report({ orderId, at }: EventPayloads['order.shipped']): Promise<void> {
    const order = await this.book.find(orderId);
    if (order.payChannel !== 'wechat' || !order.transactionId || !this.config.pay) return;
    const code = EXPRESS_COMPANIES.find((c) => c.name === order.expressCompany)?.code;
    if (!code) {
      this.logger.warn(`order ${order.orderNo}: no WeChat id for "${order.expressCompany}"; report its shipment in the merchant platform`);
      return;
    }
    const lines = await this.db.read((m) => m.find(OrderLine, { where: { orderId }, order: { id: 'ASC' } }));
    const address = JSON.parse(order.address) as AddressSnapshot;
    await this.wechat.uploadShippingInfo({
      transactionId: order.transactionId, trackingNo: order.trackingNo!, expressCode: code,
      itemDesc: lines.map((l) => `${l.title}*${l.quantity}`).join('；'), receiverContact: maskPhone(address.phone),
      openid: (await this.members.get(order.memberId)).openid, uploadTime: beijingRfc3339(new Date(at)),
    });
  }
}
