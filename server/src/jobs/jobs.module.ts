import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobLease } from './job-lease.entity.js';
import { Jobs } from './jobs.service.js';

@Global()
@Module({ imports: [TypeOrmModule.forFeature([JobLease])], providers: [Jobs], exports: [Jobs] })
export class JobsModule {}
