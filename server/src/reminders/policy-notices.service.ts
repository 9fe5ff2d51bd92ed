import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type PolicyNoticeDto, POLICY_LIMITS, type PolicyNoticeRequest } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { fieldError } from '../common/errors.js';
import { num, readTime, sqlTime } from '../common/sql.js';
import { Jobs } from '../jobs/jobs.service.js';
import { RemindersService } from './reminders.service.js';

const BATCH = 500;

interface NoticeRow { id: unknown; title: string; summary: string; operator_id: unknown; after_member_id: unknown; reached: unknown; created_at: string | Date; done_at: string | Date | null }

/**
 * 积分政策变更通知: an operator writes it once; every member gets it in 消息中心 (and, with a
 * consent for the template, as a WeChat message). The fan-out walks members by id from a
 * cursor kept on the notice, a batch per step, so a restart goes on where it stopped and the
 * reminders' unique key keeps a member from getting it twice.
 */
@Injectable()
export class PolicyNoticesService implements OnModuleInit {
  private readonly logger = new Logger('PolicyNotices');
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: Jobs,
    private readonly reminders: RemindersService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'reminders.policy', everyMinutes: 1, leaseMs: 10 * 60_000, run: async () => `reached ${await this.fanOut()}` });
  }

  async create(input: PolicyNoticeRequest, operatorId: number): Promise<PolicyNoticeDto> {
    const title = String(input.title ?? '').trim();
    const summary = String(input.summary ?? '').trim();
    if (!title) throw fieldError('title', '请填写通知标题');
    if ([...title].length > POLICY_LIMITS.title) throw fieldError('title', `标题最多 ${POLICY_LIMITS.title} 个字`);
    if (!summary) throw fieldError('summary', '请填写通知内容');
    if ([...summary].length > POLICY_LIMITS.summary) throw fieldError('summary', `内容最多 ${POLICY_LIMITS.summary} 个字`);
    const id = await this.db.insert('INSERT INTO policy_notices (title, summary, operator_id, after_member_id, reached, created_at) VALUES (?, ?, ?, 0, 0, ?)',
      [title, summary, operatorId, sqlTime(this.clock.now())]);
    // Start reaching members now rather than at the job's next minute; the job finishes any rest.
    void this.fanOut().catch((error: Error) => this.logger.error(error.stack));
    return (await this.list()).find((n) => n.id === id)!;
  }

  async list(): Promise<PolicyNoticeDto[]> {
    const rows = await this.db.rows<NoticeRow>('SELECT * FROM policy_notices ORDER BY id DESC LIMIT 20');
    const names = await this.db.labels('SELECT id, nickname AS label FROM members WHERE id IN ({ids})', rows.map((r) => num(r.operator_id)).filter((id) => id > 0));
    return rows.map((r) => ({
      id: num(r.id), title: r.title, summary: r.summary, reached: num(r.reached), done: r.done_at !== null,
      createdAt: readTime(r.created_at).toISOString(), operatorName: names.get(num(r.operator_id)) ?? null,
    }));
  }

  /** Reaches every member with each unfinished notice; one run at a time per process. Returns members reached. */
  fanOut(): Promise<number> {
    this.running ??= this.fanOutAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async fanOutAll(): Promise<number> {
    let reached = 0;
    for (const notice of await this.db.rows<NoticeRow>('SELECT * FROM policy_notices WHERE done_at IS NULL ORDER BY id')) {
      const id = num(notice.id);
      let after = num(notice.after_member_id);
      for (;;) {
        const members = await this.db.rows<{ id: unknown }>(`SELECT id FROM members WHERE id > ? ORDER BY id LIMIT ${BATCH}`, [after]);
        let added = 0;
        for (const m of members) {
          if (await this.reminders.remind({
            memberId: num(m.id), kind: 'policy', cause: `policy:${id}`, title: notice.title, body: notice.summary, page: 'pages/privacy/index',
            values: { title: notice.title, summary: notice.summary, date: readTime(notice.created_at) },
          })) added++;
        }
        reached += added;
        if (members.length > 0) after = num(members[members.length - 1].id);
        const done = members.length < BATCH;
        await this.db.exec(`UPDATE policy_notices SET after_member_id = ?, reached = reached + ?, done_at = ? WHERE id = ?`,
          [after, added, done ? sqlTime(this.clock.now()) : null, id]);
        if (done) break;
      }
    }
    return reached;
  }
}
