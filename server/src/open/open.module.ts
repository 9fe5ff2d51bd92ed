import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { TiersModule } from '../tiers/tiers.module.js';
import { ApiKeysAdminController } from './api-keys-admin.controller.js';
import { ApiKeysService } from './api-keys.service.js';
import { MemberCodeController } from './member-code.controller.js';
import { MemberCodeService } from './member-code.service.js';
import { OpenApiGuard } from './open-api.guard.js';
import { OpenController } from './open.controller.js';
import { PosPointsService } from './pos-points.service.js';
import { OpenRequestLog } from './request-log.js';

/** 跨平台积分互通: the signed open API under /open/v1, its keys, and its request log. */
@Module({
  imports: [LedgerModule, TiersModule, CampaignsModule],
  controllers: [OpenController, ApiKeysAdminController, MemberCodeController],
  providers: [ApiKeysService, OpenApiGuard, PosPointsService, OpenRequestLog, MemberCodeService],
})
export class OpenModule {}
