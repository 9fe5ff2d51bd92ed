import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module.js';
import { Rule } from './rule.entity.js';
import { RulesAdminController } from './rules-admin.controller.js';
import { RulePreviewService } from './rule-preview.service.js';
import { RulesAdminService } from './rules-admin.service.js';
import { RulesController } from './rules.controller.js';
import { RulesService } from './rules.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Rule]), MembersModule],
  controllers: [RulesController, RulesAdminController],
  providers: [RulesService, RulesAdminService, RulePreviewService],
  exports: [RulesService, RulesAdminService],
})
export class RulesModule {}
