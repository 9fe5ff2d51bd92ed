import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Rule } from './rule.entity.js';
import { RulesService } from './rules.service.js';

@Global()
@Module({ imports: [TypeOrmModule.forFeature([Rule])], providers: [RulesService], exports: [RulesService] })
export class RulesModule {}
