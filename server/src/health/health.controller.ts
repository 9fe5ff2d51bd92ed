import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { HealthDto } from '@jifen/shared';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { Public } from '../auth/decorators.js';
import { MIGRATIONS } from '../database/data-source.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private kind: HealthDto['database'] | null = null;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  async health(): Promise<HealthDto> {
    const rows = await this.db.rows<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    return {
      status: 'ok',
      database: await this.databaseKind(),
      migrations: { applied: rows.length, pending: MIGRATIONS.length - rows.length, last: rows.at(-1)?.name ?? null },
      devSignIn: this.config.wechat.appId === null,
      time: this.clock.now().toISOString(),
    };
  }

  private async databaseKind(): Promise<HealthDto['database']> {
    if (this.kind) return this.kind;
    if (!this.db.mysql) return (this.kind = 'sqlite');
    const [row] = await this.db.rows<{ v: string }>('SELECT VERSION() AS v');
    return (this.kind = String(row.v).toLowerCase().includes('mariadb') ? 'mariadb' : 'mysql');
  }
}
