import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MEMBER_CODE_STEP_SECONDS, type MemberCodeDto } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { Db } from '../common/db.js';
import { DomainError } from '../common/errors.js';
import { isUniqueViolation } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';

const CODE = /^6(\d{9})(\d{8})$/;

/**
 * 会员码: TOTP-style (RFC 6238's truncation over HMAC-SHA256, 60 s steps, 8 digits) from a
 * per-member secret derived from the server's key, behind a 6 and the member's id in 9 digits
 * so a till's scanner needs no lookup table. The current and the previous step are accepted;
 * a code spends once (`member_code_uses`, in the spend's unit).
 */
@Injectable()
export class MemberCodeService {
  private readonly key: string;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly points: LedgerQueries,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = config.openApi.encryptionKey;
  }

  async current(memberId: number): Promise<MemberCodeDto> {
    const now = this.clock.now().getTime();
    const step = Math.floor(now / 1000 / MEMBER_CODE_STEP_SECONDS);
    const { available } = await this.points.summary(memberId);
    return { code: this.codeAt(memberId, step), expiresAt: new Date((step + 1) * MEMBER_CODE_STEP_SECONDS * 1000).toISOString(), available };
  }

  /** The member and the step a code was made in, if it is this step's or the last one's; else null. */
  read(code: unknown): { memberId: number; step: number } | null {
    if (typeof code !== 'string') return null;
    const m = CODE.exec(code);
    if (!m) return null;
    const memberId = Number(m[1]);
    const step = Math.floor(this.clock.now().getTime() / 1000 / MEMBER_CODE_STEP_SECONDS);
    for (const s of [step, step - 1]) {
      const expected = Buffer.from(this.codeAt(memberId, s));
      if (timingSafeEqual(expected, Buffer.from(code))) return { memberId, step: s };
    }
    return null;
  }

  /** Takes the code for one spend inside the caller's unit; a second use is MEMBER_CODE_USED. */
  async consume(memberId: number, step: number): Promise<void> {
    try {
      await this.db.insert('INSERT INTO member_code_uses (member_id, step) VALUES (?, ?)', [memberId, step]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('MEMBER_CODE_USED', '该会员码已使用，请会员刷新后再试', { field: 'memberCode' });
      throw error;
    }
  }

  private codeAt(memberId: number, step: number): string {
    const secret = createHmac('sha256', this.key).update(`member-code:${memberId}`).digest();
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(step));
    const mac = createHmac('sha256', secret).update(counter).digest();
    const offset = mac[mac.length - 1] & 0x0f;
    const otp = (mac.readUInt32BE(offset) & 0x7fffffff) % 100_000_000;
    return `6${String(memberId).padStart(9, '0')}${String(otp).padStart(8, '0')}`;
  }
}
