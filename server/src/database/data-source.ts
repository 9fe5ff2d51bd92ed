import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/config.js';
import { Members1764000000000 } from './migrations/1764000000000-members.js';
import { Catalog1764000000001 } from './migrations/1764000000001-catalog.js';
import { Ledger1764000000002 } from './migrations/1764000000002-ledger.js';
import { Checkin1764000000003 } from './migrations/1764000000003-checkin.js';
import { SignupOutbox1764000000004 } from './migrations/1764000000004-signup-outbox.js';
import { Invites1764000000005 } from './migrations/1764000000005-invites.js';
import { Jobs1764000000006 } from './migrations/1764000000006-jobs.js';
import { Growth1764000000007 } from './migrations/1764000000007-growth.js';
import { Mall1764000000008 } from './migrations/1764000000008-mall.js';
import { SkusCartAddresses1764000000009 } from './migrations/1764000000009-skus-cart-addresses.js';
import { Coupons1764000000010 } from './migrations/1764000000010-coupons.js';
import { Orders1764000000011 } from './migrations/1764000000011-orders.js';
import { MallCash1764000000012 } from './migrations/1764000000012-mall-cash.js';
import { AuditLog1764000000013 } from './migrations/1764000000013-audit-log.js';
import { RefreshFamilies1764000000014 } from './migrations/1764000000014-refresh-families.js';
import { CatalogAdmin1764000000015 } from './migrations/1764000000015-catalog-admin.js';
import { MallAdmin1764000000016 } from './migrations/1764000000016-mall-admin.js';
import { Campaigns1764000000017 } from './migrations/1764000000017-campaigns.js';
import { RuleVersions1764000000018 } from './migrations/1764000000018-rule-versions.js';
import { RulePreview1764000000019 } from './migrations/1764000000019-rule-preview.js';
import { ReminderCredits1764000000020 } from './migrations/1764000000020-reminder-credits.js';
import { Messages1764000000021 } from './migrations/1764000000021-messages.js';
import { ReminderSettings1764000000022 } from './migrations/1764000000022-reminder-settings.js';
import { ReminderSends1764000000023 } from './migrations/1764000000023-reminder-sends.js';
import { ReminderJobs1764000000024 } from './migrations/1764000000024-reminder-jobs.js';
import { Adjustments1764000000025 } from './migrations/1764000000025-adjustments.js';
import { LedgerTotals1764000000026 } from './migrations/1764000000026-ledger-totals.js';
import { DailyMetrics1764000000027 } from './migrations/1764000000027-daily-metrics.js';
import { Churn1764000000028 } from './migrations/1764000000028-churn.js';
import { Segments1764000000029 } from './migrations/1764000000029-segments.js';
import { OpenApi1764000000030 } from './migrations/1764000000030-open-api.js';

/** Checked-in schema changes, in order; run at start (no synchronize outside tests). */
export const MIGRATIONS = [Members1764000000000, Catalog1764000000001, Ledger1764000000002, Checkin1764000000003, SignupOutbox1764000000004, Invites1764000000005, Jobs1764000000006, Growth1764000000007, Mall1764000000008, SkusCartAddresses1764000000009, Coupons1764000000010, Orders1764000000011, MallCash1764000000012, AuditLog1764000000013, RefreshFamilies1764000000014, CatalogAdmin1764000000015, MallAdmin1764000000016, Campaigns1764000000017, RuleVersions1764000000018, RulePreview1764000000019, ReminderCredits1764000000020, Messages1764000000021, ReminderSettings1764000000022, ReminderSends1764000000023, ReminderJobs1764000000024, Adjustments1764000000025, LedgerTotals1764000000026, DailyMetrics1764000000027, Churn1764000000028, Segments1764000000029, OpenApi1764000000030];

/**
 * SQLite runs in WAL mode with synchronous=NORMAL: a commit survives a crash of the process
 * but not of the machine (a power cut may lose the last commits). That is the trade for the
 * embedded, zero-setup database; production runs on MySQL/MariaDB with full durability.
 */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: ['error' as const],
  };
  if (db.kind === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.file,
      enableWAL: true,
      // TypeORM's statement cache is FIFO, 100 by default: fewer than the app's distinct
      // queries, so hot statements were evicted and prepared again (a tenth of checkout's CPU).
      statementCacheSize: 2000,
      prepareDatabase: (raw: { pragma(sql: string): unknown }) => {
        raw.pragma('busy_timeout = 5000');
        // TypeORM turns WAL on but leaves synchronous at FULL, an fsync on every commit.
        raw.pragma('synchronous = NORMAL');
      },
    };
  }
  return {
    ...common,
    type: 'mysql',
    url: db.url,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    extra: { connectionLimit: 24 },
    // mysql2's long stack traces capture a stack on every call TypeORM makes (2.5% of the
    // server's CPU under check-in load); TypeORM's errors carry the query instead.
    trace: false,
  };
}
