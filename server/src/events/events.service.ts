import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { In, LessThanOrEqual } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import type { EventPayloads, Topic } from './events.js';
import { OutboxEvent } from './outbox.entity.js';

type Handler<T extends Topic> = (payload: EventPayloads[T]) => Promise<void>;

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 10;
const BATCH = 50;

/**
 * Domain events through an outbox: `emit` writes a row inside the caller's transaction, so
 * the event exists exactly when what caused it committed; the dispatcher hands each row to
 * the handlers of its topic afterwards, retrying with backoff. Rows are claimed with a
 * conditional update and a lease, so several server instances never handle one twice at
 * once, and a crashed claim is taken up again when its lease ends. Handlers must be
 * idempotent (ledger keys make them so): a row can be handled again after a crash.
 */
@Injectable()
export class Events implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Events');
  private readonly handlers = new Map<Topic, Handler<Topic>[]>();
  private readonly instance = randomBytes(6).toString('hex');
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.outboxPollMs > 0) {
      this.timer = setInterval(() => void this.drain().catch((e: Error) => this.logger.error(e.stack)), this.config.outboxPollMs);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  on<T extends Topic>(topic: T, handler: Handler<T>): void {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler as Handler<Topic>]);
  }

  /** Records the event in the caller's transaction. */
  async emit<T extends Topic>(topic: T, payload: EventPayloads[T]): Promise<void> {
    const m = this.db.unitManager;
    const now = this.clock.now();
    await m.insert(OutboxEvent, {
      topic, payload: JSON.stringify(payload), status: 'pending', attempts: 0, nextAt: now, claimedBy: null, lastError: null, createdAt: now, doneAt: null,
    });
  }

  /** Handles every due event; returns how many were handled. One drain at a time per process. */
  drain(): Promise<number> {
    this.draining ??= this.drainAll().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async drainAll(): Promise<number> {
    let handled = 0;
    for (;;) {
      const now = this.clock.now();
      const due = await this.db.read((m) => m.find(OutboxEvent, {
        where: { status: In(['pending', 'processing']), nextAt: LessThanOrEqual(now) },
        order: { id: 'ASC' },
        take: BATCH,
      }));
      if (due.length === 0) return handled;
      for (const event of due) if (await this.handle(event, now)) handled++;
    }
  }

  private async handle(event: OutboxEvent, now: Date): Promise<boolean> {
    const claimed = await this.db.unit((m) => m.update(OutboxEvent,
      { id: event.id, status: event.status, nextAt: event.nextAt },
      { status: 'processing', claimedBy: this.instance, nextAt: new Date(now.getTime() + LEASE_MS), attempts: event.attempts + 1 },
    ));
    if (!claimed.affected) return false; // another instance has it
    try {
      for (const handler of this.handlers.get(event.topic as Topic) ?? []) await handler(JSON.parse(event.payload));
      await this.db.unit((m) => m.update(OutboxEvent, { id: event.id }, { status: 'done', doneAt: this.clock.now(), lastError: null }));
      return true;
    } catch (error) {
      const attempts = event.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      this.logger.warn(`${event.topic} #${event.id} attempt ${attempts} failed: ${(error as Error).message}`);
      await this.db.unit((m) => m.update(OutboxEvent, { id: event.id }, {
        status: failed ? 'failed' : 'pending',
        nextAt: new Date(this.clock.now().getTime() + Math.min(3_600_000, 1000 * 2 ** attempts)),
        lastError: String((error as Error).message).slice(0, 255),
      }));
      return false;
    }
  }
}
