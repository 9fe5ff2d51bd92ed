import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  campaignBoost, campaignOnDay, campaignState, campaignSummary, type CampaignDto, type CampaignInput, type CampaignRule, type CampaignState, type CampaignUpdate, shanghaiDay,
} from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError, fieldError as bad } from '../common/errors.js';
import { Goods } from '../catalog/goods.entity.js';
import { Campaign } from './campaign.entity.js';

/** How long the running campaigns are reused by checkout; an edit reaches every server within this. */
const CACHE_MS = 5_000;

/**
 * Points campaigns as operators run them: ×N days and member days, and bonus points on chosen
 * goods. Checkout asks `boost(now)` for what today's campaigns add (campaignBoost: the largest
 * multiplier, bonuses on one goods added up).
 */
@Injectable()
export class CampaignsService {
  private cache: { at: number; rows: Campaign[] } | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(state?: CampaignState): Promise<CampaignDto[]> {
    const now = this.clock.now();
    const rows = await this.db.read((m) => m.find(Campaign, { order: { startsOn: 'DESC', id: 'DESC' } }));
    return rows.map((c) => toDto(c, now)).filter((c) => !state || c.state === state);
  }

  async get(id: number): Promise<CampaignDto> {
    const row = await this.db.findOneBy(Campaign, { id });
    if (!row) throw new DomainError('NOT_FOUND', '活动不存在');
    return toDto(row, this.clock.now());
  }

  /** Campaigns a shopper may be told about now: on, and today within their days. */
  async current(): Promise<CampaignDto[]> {
    const now = this.clock.now();
    return (await this.onRows()).map((c) => toDto(c, now)).filter((c) => c.state === 'running');
  }

  async create(input: CampaignInput): Promise<CampaignDto> {
    const id = await this.db.unit(async (m) => {
      const now = this.clock.now();
      const saved = await m.save(m.create(Campaign, { ...(await this.checked(m, input)), status: input.status ?? 'on', version: 1, createdAt: now, updatedAt: now }));
      return saved.id;
    });
    this.cache = null;
    return this.get(id);
  }

  async update(id: number, input: CampaignUpdate): Promise<CampaignDto> {
    await this.db.unit(async (m) => {
      const row = await this.lockVersion(m, id, input.version);
      await m.update(Campaign, { id }, { ...(await this.checked(m, input)), status: input.status ?? row.status, updatedAt: this.clock.now() });
    });
    this.cache = null;
    return this.get(id);
  }

  async setStatus(id: number, status: 'on' | 'off', version: number): Promise<CampaignDto> {
    await this.db.unit(async (m) => {
      await this.lockVersion(m, id, version);
      await m.update(Campaign, { id }, { status, updatedAt: this.clock.now() });
    });
    this.cache = null;
    return this.get(id);
  }

  /** What today's campaigns add to a purchase made at `now`. */
  async boost(now = this.clock.now()): Promise<ReturnType<typeof campaignBoost>> {
    return campaignBoost((await this.onRows()).map(ruleOf), shanghaiDay(now));
  }

  /** Whether the campaign is on and today within its days (a banner linking it shows only then). */
  async running(id: number): Promise<boolean> {
    const now = this.clock.now();
    return (await this.onRows()).some((c) => c.id === id && campaignState(c, now) === 'running');
  }

  private async onRows(): Promise<Campaign[]> {
    const at = this.clock.now().getTime();
    if (this.cache && at - this.cache.at < CACHE_MS && at >= this.cache.at) return this.cache.rows;
    const rows = await this.db.read((m) => m.find(Campaign, { where: { status: 'on' } }));
    this.cache = { at, rows };
    return rows;
  }

  /** The row's rule fields from an operator's input, after the rules that span fields. */
  private async checked(m: EntityManager, input: CampaignInput): Promise<Partial<Campaign>> {
    if (input.endsOn < input.startsOn) throw bad('endsOn', '结束日期不能早于开始日期');
    if (input.weekdays.length && input.daysOfMonth.length) throw bad('daysOfMonth', '每周与每月只能选一种');
    if (new Set(input.weekdays).size !== input.weekdays.length) throw bad('weekdays', '星期重复');
    if (new Set(input.daysOfMonth).size !== input.daysOfMonth.length) throw bad('daysOfMonth', '日期重复');
    if (input.kind === 'multiplier') {
      if (input.multiplierPct <= 100) throw bad('multiplierPct', '倍数须大于 1');
      if (input.goodsIds.length || input.bonusPoints) throw bad('goodsIds', '积分倍数活动不选商品');
    } else {
      if (input.bonusPoints < 1) throw bad('bonusPoints', '请填写每件加赠的积分');
      if (input.goodsIds.length === 0) throw bad('goodsIds', '请选择加赠积分的商品');
      if (new Set(input.goodsIds).size !== input.goodsIds.length) throw bad('goodsIds', '商品重复');
      const found = await m.count(Goods, { where: input.goodsIds.map((id) => ({ id })) });
      if (found !== input.goodsIds.length) throw bad('goodsIds', '有商品不存在');
    }
    return {
      name: input.name.trim(), kind: input.kind, multiplierPct: input.kind === 'multiplier' ? input.multiplierPct : 100,
      bonusPoints: input.kind === 'bonus' ? input.bonusPoints : 0, goodsIds: JSON.stringify(input.goodsIds), startsOn: input.startsOn, endsOn: input.endsOn,
      weekdays: JSON.stringify([...input.weekdays].sort()), daysOfMonth: JSON.stringify([...input.daysOfMonth].sort((a, b) => a - b)),
    };
  }

  private async lockVersion(m: EntityManager, id: number, version: number): Promise<Campaign> {
    const bumped = await this.db.exec('UPDATE campaigns SET version = version + 1 WHERE id = ? AND version = ?', [id, version]);
    const row = await m.findOneBy(Campaign, { id });
    if (!row) throw new DomainError('NOT_FOUND', '活动不存在');
    if (bumped !== 1) throw new DomainError('CONFLICT', '活动已被其他人修改，请刷新后再编辑', { version: row.version });
    return row;
  }
}

export function ruleOf(c: Campaign): CampaignRule {
  return {
    kind: c.kind, multiplierPct: c.multiplierPct, bonusPoints: c.bonusPoints, goodsIds: JSON.parse(c.goodsIds) as number[],
    startsOn: c.startsOn, endsOn: c.endsOn, weekdays: JSON.parse(c.weekdays) as number[], daysOfMonth: JSON.parse(c.daysOfMonth) as number[],
  };
}

function toDto(c: Campaign, now: Date): CampaignDto {
  const rule = ruleOf(c);
  return {
    id: c.id, name: c.name, ...rule, status: c.status, state: campaignState(rule, now), activeToday: c.status === 'on' && campaignOnDay(rule, shanghaiDay(now)),
    summary: campaignSummary(rule), version: c.version,
  };
}
