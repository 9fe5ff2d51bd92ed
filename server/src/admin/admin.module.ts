import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { AdminController } from './admin.controller.js';
import { AdminService } from './admin.service.js';

@Module({
  imports: [MembersModule, CatalogModule],
  controllers: [AdminController],
  providers: [AdminService],
})
export class AdminModule {}
