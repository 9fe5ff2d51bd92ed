import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { shanghaiDay } from '@jifen/shared';
import { Db } from '../common/db.js';
import { num, readTime } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Events } from '../events/events.service.js';
import type { EventPayloads } from '../events/events.js';
import { RemindersService } from '../reminders/reminders.service.js';

/**
 * 优惠券到账 after a targeted batch's chunk commits: only to the members who hold a consent
 * for the template (a WeChat message each spends one), keyed by the batch, so a replayed
 * event or a resumed batch reminds nobody twice. Without a template nobody can be asked.
 */
@Injectable()
export class BatchReminders implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly events: Events,
    private readonly reminders: RemindersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.events.on('coupon.batch_sent', async (e) => void (await this.sent(e)));
  }

  async sent({ batchId, fromMemberId, toMemberId }: EventPayloads['coupon.batch_sent']): Promise<number> {
    const template = this.config.wechat.templates.coupon_arrived;
    if (!template) return 0;
    const rows = await this.db.rows<{ member_id: unknown; name: string; ends_at: string | Date }>(
      `SELECT c.member_id, t.name, c.ends_at FROM coupons c JOIN coupon_templates t ON t.id = c.template_id
         JOIN reminder_credits rc ON rc.member_id = c.member_id AND rc.template_id = ? AND rc.credits > 0
        WHERE c.batch_id = ? AND c.member_id >= ? AND c.member_id <= ? ORDER BY c.member_id`, [template.templateId, batchId, fromMemberId, toMemberId]);
    let reminded = 0;
    for (const r of rows) {
      const date = shanghaiDay(readTime(r.ends_at));
      const sent = await this.reminders.remind({
        memberId: num(r.member_id), kind: 'coupon_arrived', cause: `batch:${batchId}`,
        title: '优惠券到账', body: `商家送你一张「${r.name}」，${date} 前有效`, page: 'pages/coupons/index',
        values: { title: '优惠券已到账', coupon: r.name, date, tip: '下单时自动可用' },
      });
      if (sent) reminded++;
    }
    return reminded;
  }
}
