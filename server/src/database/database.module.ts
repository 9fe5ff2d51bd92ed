import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Db } from '../common/db.js';
import { dataSourceOptions } from './data-source.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.database.kind === 'sqlite' && config.database.file !== ':memory:') {
          mkdirSync(dirname(config.database.file), { recursive: true });
        }
        return { ...dataSourceOptions(config.database), autoLoadEntities: true, retryAttempts: 0 };
      },
    }),
  ],
  providers: [Db],
  exports: [Db],
})
export class DatabaseModule {}
