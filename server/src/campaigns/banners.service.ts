import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AdminBannerDto, BANNER_PAGES, type BannerDto, type BannerInput, type BannerLink, type BannerPage } from '@jifen/shared';

/** A banner as sent: the link's kind with whichever of page / goodsId / campaignId it needs. */
export type BannerInputBody = Omit<BannerInput, 'link'> & { link: { kind: BannerLink['kind']; page?: BannerPage; goodsId?: number; campaignId?: number } };
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError, fieldError } from '../common/errors.js';
import { Goods } from '../catalog/goods.entity.js';
import { Banner } from './banner.entity.js';
import { Campaign } from './campaign.entity.js';
import { CampaignsService } from './campaigns.service.js';

/**
 * 首页 banners as operators arrange them. A banner promising a campaign shows only while that
 * campaign is on and running, so an ended campaign's banner goes with it.
 */
@Injectable()
export class BannersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly campaigns: CampaignsService,
  ) {}

  /** What 首页 shows, in order. */
  async live(): Promise<BannerDto[]> {
    const rows = await this.db.read((m) => m.find(Banner, { where: { status: 'on' }, order: { sort: 'ASC', id: 'ASC' } }));
    const shown: BannerDto[] = [];
    for (const b of rows) if (await this.isLive(b)) shown.push(publicOf(b));
    return shown;
  }

  async list(): Promise<AdminBannerDto[]> {
    const rows = await this.db.read((m) => m.find(Banner, { order: { sort: 'ASC', id: 'ASC' } }));
    const goods = new Map((await this.db.read((m) => m.find(Goods, { select: { id: true, title: true } }))).map((g) => [g.id, g.title]));
    const campaigns = new Map((await this.db.read((m) => m.find(Campaign, { select: { id: true, name: true } }))).map((c) => [c.id, c.name]));
    const out: AdminBannerDto[] = [];
    for (const b of rows) {
      const linkLabel = b.linkKind === 'page' ? BANNER_PAGES[b.linkPage as BannerPage]?.label ?? '' : b.linkKind === 'goods' ? `商品 ${goods.get(b.linkId!) ?? '（已删除）'}`
        : b.linkKind === 'campaign' ? `活动 ${campaigns.get(b.linkId!) ?? '（已删除）'}` : '不跳转';
      out.push({ ...publicOf(b), status: b.status, sort: b.sort, live: b.status === 'on' && (await this.isLive(b)), linkLabel });
    }
    return out;
  }

  async create(input: BannerInputBody): Promise<AdminBannerDto> {
    const id = await this.db.unit(async (m) => {
      const last = await this.db.one<{ max: unknown }>('SELECT MAX(sort) AS max FROM banners');
      const now = this.clock.now();
      const saved = await m.save(m.create(Banner, { ...(await this.checked(m, input)), status: input.status ?? 'on', sort: Number(last?.max ?? 0) + 1, createdAt: now, updatedAt: now }));
      return saved.id;
    });
    return this.one(id);
  }

  async update(id: number, input: BannerInputBody): Promise<AdminBannerDto> {
    await this.db.unit(async (m) => {
      const row = await m.findOneBy(Banner, { id });
      if (!row) throw new DomainError('NOT_FOUND', '横幅不存在');
      await m.update(Banner, { id }, { ...(await this.checked(m, input)), status: input.status ?? row.status, updatedAt: this.clock.now() });
    });
    return this.one(id);
  }

  async remove(id: number): Promise<void> {
    const gone = await this.db.unit((m) => m.delete(Banner, { id }));
    if (!gone.affected) throw new DomainError('NOT_FOUND', '横幅不存在');
  }

  /** The order 首页 shows them in: every banner id, once each. */
  async order(ids: number[]): Promise<AdminBannerDto[]> {
    await this.db.unit(async (m) => {
      const all = await m.find(Banner, { select: { id: true } });
      const known = new Set(all.map((b) => b.id));
      if (new Set(ids).size !== ids.length || ids.length !== all.length || !ids.every((id) => known.has(id))) {
        throw fieldError('ids', '须按新顺序列出全部横幅，每个一次');
      }
      for (const [index, id] of ids.entries()) await m.update(Banner, { id }, { sort: index + 1 });
    });
    return this.list();
  }

  private async one(id: number): Promise<AdminBannerDto> {
    const found = (await this.list()).find((b) => b.id === id);
    if (!found) throw new DomainError('NOT_FOUND', '横幅不存在');
    return found;
  }

  private async isLive(b: Banner): Promise<boolean> {
    return b.linkKind !== 'campaign' || (await this.campaigns.running(b.linkId!));
  }

  /** The row's fields; the link must name what its kind needs, and that must exist. */
  private async checked(m: EntityManager, input: BannerInputBody): Promise<Partial<Banner>> {
    const { kind, page, goodsId, campaignId } = input.link;
    const base = { title: input.title.trim(), image: input.image, linkKind: kind, linkPage: null as string | null, linkId: null as number | null };
    if (kind === 'page') {
      if (!page || !(page in BANNER_PAGES)) throw fieldError('link.page', '请选择要打开的页面');
      return { ...base, linkPage: page };
    }
    if (kind === 'goods') {
      if (!goodsId || !(await m.findOneBy(Goods, { id: goodsId }))) throw fieldError('link.goodsId', '商品不存在');
      return { ...base, linkId: goodsId };
    }
    if (kind === 'campaign') {
      if (!campaignId || !(await m.findOneBy(Campaign, { id: campaignId }))) throw fieldError('link.campaignId', '活动不存在');
      return { ...base, linkId: campaignId };
    }
    return base;
  }
}

function publicOf(b: Banner): BannerDto {
  const link: BannerLink = b.linkKind === 'page' ? { kind: 'page', page: b.linkPage as BannerPage }
    : b.linkKind === 'goods' ? { kind: 'goods', goodsId: b.linkId! } : b.linkKind === 'campaign' ? { kind: 'campaign', campaignId: b.linkId! } : { kind: 'none' };
  return { id: b.id, title: b.title, image: b.image, link };
}
