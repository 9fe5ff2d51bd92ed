import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { MembersService } from '../members/members.service.js';

/** How long a member's token version is trusted without asking the database again. */
export const TOKEN_VERSION_TTL_MS = 5000;
/** Members remembered at most; the least recently loaded are dropped first. */
const MAX_ENTRIES = 50_000;

interface Entry {
  /** null: there is no such member. */
  version: number | null;
  until: number;
}

/**
 * The members' current token versions, kept in memory so an access token can be checked
 * against sign-out everywhere and deleted members without a database read per request. An
 * entry lives a few seconds, so another server process sees a sign-out everywhere or a
 * deletion within TOKEN_VERSION_TTL_MS; in this process `forget` takes effect at once.
 */
@Injectable()
export class TokenVersions {
  private readonly entries = new Map<number, Entry>();
  /** Loads under way, shared by the requests that missed together. */
  private readonly loading = new Map<number, Promise<number | null>>();

  constructor(
    private readonly members: MembersService,
    private readonly clock: Clock,
  ) {}

  /** True when `version` is the member's current token version; false for unknown members. */
  async isCurrent(memberId: number, version: number): Promise<boolean> {
    const entry = this.entries.get(memberId);
    if (entry && entry.until > this.clock.now().getTime()) return entry.version === version;
    return (await this.load(memberId)) === version;
  }

  /** A version just read from the database by someone else (operators' routes re-read it). */
  remember(memberId: number, version: number | null): void {
    this.entries.delete(memberId);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(memberId, { version, until: this.clock.now().getTime() + TOKEN_VERSION_TTL_MS });
  }

  /** The member's version moved (sign-out everywhere) or the member is gone: ask again next time. */
  forget(memberId: number): void {
    this.entries.delete(memberId);
    this.loading.delete(memberId);
  }

  private load(memberId: number): Promise<number | null> {
    const pending = this.loading.get(memberId);
    if (pending) return pending;
    const load = this.members.accessOf(memberId).then((access) => {
      const version = access?.tokenVersion ?? null;
      // A forget() while this read was under way wins: its answer may predate the change.
      if (this.loading.get(memberId) === load) {
        this.loading.delete(memberId);
        this.remember(memberId, version);
      }
      return version;
    }, (error: unknown) => {
      if (this.loading.get(memberId) === load) this.loading.delete(memberId);
      throw error;
    });
    this.loading.set(memberId, load);
    return load;
  }
}
