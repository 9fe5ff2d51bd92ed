import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AddressDto, AddressInput } from '@jifen/shared';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { Sql, num, sqlTime } from '../common/sql.js';
import { Transactions } from '../common/transactions.js';
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
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /** The default first, then newest first. */
  async list(memberId: number): Promise<AddressDto[]> {
    const rows = await this.tx.read((m) => m.find(Address, { where: { memberId, deleted: false }, order: { isDefault: 'DESC', id: 'DESC' } }));
    return rows.map(toDto);
  }

  /** One of the member's (not deleted) addresses; joins the caller's transaction when given. */
  async get(memberId: number, id: number, m?: EntityManager): Promise<AddressDto> {
    const find = (em: EntityManager) => em.findOneBy(Address, { id, memberId, deleted: false });
    const row = m ? await find(m) : await this.tx.read(find);
    if (!row) throw notFound();
    return toDto(row);
  }

  async create(memberId: number, input: AddressInput): Promise<AddressDto> {
    const now = this.clock.now();
    const id = await this.tx.run(async (m) => {
      const sql = await this.lockMember(m, memberId);
      const row = await sql.one<{ n: number | string }>(m, 'SELECT COUNT(*) AS n FROM addresses WHERE member_id = ? AND deleted = 0', [memberId]);
      const count = num(row?.n);
      if (count >= ADDRESSES_MAX) throw new DomainError('CONFLICT', `最多保存 ${ADDRESSES_MAX} 个收货地址，请先删除不用的地址`);
      const isDefault = count === 0 || input.isDefault === true;
      if (isDefault) await this.clearDefault(m, sql, memberId, now);
      return sql.insert(
        m,
        `INSERT INTO addresses (member_id, name, phone, province, city, district, detail, is_default, deleted, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        [memberId, input.name, input.phone, input.province, input.city, input.district, input.detail, isDefault ? 1 : 0, sqlTime(now), sqlTime(now)],
      );
    });
    return this.get(memberId, id);
  }

  /** Replaces the fields; isDefault true makes it the default (the default cannot be unset, only moved). */
  async update(memberId: number, id: number, input: AddressInput): Promise<AddressDto> {
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      const sql = await this.lockMember(m, memberId);
      await this.get(memberId, id, m);
      if (input.isDefault === true) await this.clearDefault(m, sql, memberId, now);
      await sql.exec(
        m,
        `UPDATE addresses SET name = ?, phone = ?, province = ?, city = ?, district = ?, detail = ?,
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
    await this.tx.run(async (m) => {
      const sql = await this.lockMember(m, memberId);
      const address = await this.get(memberId, id, m);
      await sql.exec(m, 'UPDATE addresses SET deleted = 1, is_default = 0, updated_at = ? WHERE id = ? AND member_id = ? AND deleted = 0', [sqlTime(now), id, memberId]);
      if (address.isDefault) {
        const newest = await sql.one<{ id: number }>(m, 'SELECT MAX(id) AS id FROM addresses WHERE member_id = ? AND deleted = 0', [memberId]);
        if (newest?.id) await sql.exec(m, 'UPDATE addresses SET is_default = 1, updated_at = ? WHERE id = ?', [sqlTime(now), num(newest.id)]);
      }
    });
  }

  async setDefault(memberId: number, id: number): Promise<AddressDto> {
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      const sql = await this.lockMember(m, memberId);
      await this.get(memberId, id, m);
      await this.clearDefault(m, sql, memberId, now);
      await sql.exec(m, 'UPDATE addresses SET is_default = 1, updated_at = ? WHERE id = ? AND member_id = ? AND deleted = 0', [sqlTime(now), id, memberId]);
    });
    return this.get(memberId, id);
  }

  private async lockMember(m: EntityManager, memberId: number): Promise<Sql> {
    const sql = new Sql(m);
    if (sql.mysql) await sql.rows(m, `SELECT id FROM members WHERE id = ?${sql.forUpdate}`, [memberId]);
    return sql;
  }

  private async clearDefault(m: EntityManager, sql: Sql, memberId: number, now: Date): Promise<void> {
    await sql.exec(m, 'UPDATE addresses SET is_default = 0, updated_at = ? WHERE member_id = ? AND is_default = 1', [sqlTime(now), memberId]);
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
