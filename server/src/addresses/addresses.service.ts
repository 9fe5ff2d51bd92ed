import { Injectable } from '@nestjs/common';
import type { AddressDto, AddressInput } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { num, sqlTime } from '../common/sql.js';
import { Db } from '../common/db.js';
import { Address } from './address.entity.js';

/** Most addresses a member keeps. */
export const ADDRESSES_MAX = 20;

/**
 * The address book. Addresses are personal data: never logged. Every change to a member's
 * addresses locks the member's row first (MySQL; SQLite has one writer), so concurrent changes
 * run one after another and the member always has exactly one default (when any address).
 * Deleted addresses are kept, flagged (orders keep their own snapshot).
 */
@Injectable()
export class AddressesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The default first, then newest first. */
  async list(memberId: number): Promise<AddressDto[]> {
    const rows = await this.db.read((m) => m.find(Address, { where: { memberId, deleted: false }, order: { isDefault: 'DESC', id: 'DESC' } }));
    return rows.map(toDto);
  }

  /** One of the member's (not deleted) addresses (inside a unit: as that unit sees it). */
  async get(memberId: number, id: number): Promise<AddressDto> {
    const row = await this.db.findOneBy(Address, { id, memberId, deleted: false });
    if (!row) throw notFound();
    return toDto(row);
  }

  async create(memberId: number, input: AddressInput): Promise<AddressDto> {
    const now = this.clock.now();
    const id = await this.db.unit(async () => {
      await this.lockMember(memberId);
      const row = await this.db.one<{ n: number | string }>('SELECT COUNT(*) AS n FROM addresses WHERE member_id = ? AND deleted = 0', [memberId]);
      const count = num(row?.n);
      if (count >= ADDRESSES_MAX) throw new DomainError('CONFLICT', `最多保存 ${ADDRESSES_MAX} 个收货地址，请先删除不用的地址`);
      const isDefault = count === 0 || input.isDefault === true;
      if (isDefault) await this.clearDefault(memberId, now);
      return this.db.insert(`INSERT INTO addresses (member_id, name, phone, province, city, district, detail, is_default, deleted, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        [memberId, input.name, input.phone, input.province, input.city, input.district, input.detail, isDefault ? 1 : 0, sqlTime(now), sqlTime(now)],
      );
    });
    return this.get(memberId, id);
  }

  /** Replaces the fields; isDefault true makes it the default (the default cannot be unset, only moved). */
  async update(memberId: number, id: number, input: AddressInput): Promise<AddressDto> {
    const now = this.clock.now();
    await this.db.unit(async () => {
      await this.lockMember(memberId);
      await this.get(memberId, id);
      if (input.isDefault === true) await this.clearDefault(memberId, now);
      await this.db.exec(`UPDATE addresses SET name = ?, phone = ?, province = ?, city = ?, district = ?, detail = ?,
                is_default = CASE WHEN ? = 1 THEN 1 ELSE is_default END, updated_at = ?
          WHERE id = ? AND member_id = ? AND deleted = 0`,
        [input.name, input.phone, input.province, input.city, input.district, input.detail, input.isDefault ? 1 : 0, sqlTime(now), id, memberId],
      );
    });
    return this.get(memberId, id);
  }

  /** Deleting the default makes the newest remaining address the default. */
  async remove(memberId: number, id: number): Promise<void> {
    const now = this.clock.now();
    await this.db.unit(async () => {
      await this.lockMember(memberId);
      const address = await this.get(memberId, id);
      await this.db.exec('UPDATE addresses SET deleted = 1, is_default = 0, updated_at = ? WHERE id = ? AND member_id = ? AND deleted = 0', [sqlTime(now), id, memberId]);
      if (address.isDefault) {
        const newest = await this.db.one<{ id: number }>('SELECT MAX(id) AS id FROM addresses WHERE member_id = ? AND deleted = 0', [memberId]);
        if (newest?.id) await this.db.exec('UPDATE addresses SET is_default = 1, updated_at = ? WHERE id = ?', [sqlTime(now), num(newest.id)]);
      }
    });
  }

  async setDefault(memberId: number, id: number): Promise<AddressDto> {
    const now = this.clock.now();
    await this.db.unit(async () => {
      await this.lockMember(memberId);
      await this.get(memberId, id);
      await this.clearDefault(memberId, now);
      await this.db.exec('UPDATE addresses SET is_default = 1, updated_at = ? WHERE id = ? AND member_id = ? AND deleted = 0', [sqlTime(now), id, memberId]);
    });
    return this.get(memberId, id);
  }

  private async lockMember(memberId: number): Promise<void> {
    if (this.db.mysql) await this.db.rows(`SELECT id FROM members WHERE id = ?${this.db.forUpdate}`, [memberId]);
  }

  private async clearDefault(memberId: number, now: Date): Promise<void> {
    await this.db.exec('UPDATE addresses SET is_default = 0, updated_at = ? WHERE member_id = ? AND is_default = 1', [sqlTime(now), memberId]);
  }
}

function notFound(): DomainError {
  return new DomainError('ADDRESS_NOT_FOUND', '收货地址不存在');
}

function toDto(a: Address): AddressDto {
  return {
    id: a.id, name: a.name, phone: a.phone, province: a.province, city: a.city, district: a.district, detail: a.detail, isDefault: a.isDefault,
  };
}
