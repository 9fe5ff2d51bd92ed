import { Injectable } from '@nestjs/common';
import { type AdminOverviewDto, shanghaiDay, startOfShanghaiDay } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { MembersService } from '../members/members.service.js';
import { CatalogService } from '../catalog/catalog.service.js';

/** The operator's view across domains; it reads through each domain's service. */
@Injectable()
export class AdminService {
  constructor(
    private readonly members: MembersService,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
  ) {}

  async overview(): Promise<AdminOverviewDto> {
    const day = shanghaiDay(this.clock.now());
    const [members, goods] = await Promise.all([
      this.members.counts(startOfShanghaiDay(day)),
      this.catalog.counts(),
    ]);
    return { members, goods, day };
  }
}
