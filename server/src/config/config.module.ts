import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, OffsetClock, SystemClock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from './config.js';

/** Provides the validated AppConfig and the Clock (tests pass a ManualClock). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, clock: Clock = config.clockOffsetDays ? new OffsetClock(config.clockOffsetDays * 86_400_000) : new SystemClock()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
