import { readTime, sqlTime } from '../../src/common/sql.js';

/** sqlTime builds the text from the date's parts (it is on every hot path): it must say what toISOString says. */
describe('datetimes as the drivers store them', () => {
  const iso = (at: Date) => at.toISOString().replace('T', ' ').slice(0, 23);

  it('writes any instant as YYYY-MM-DD HH:MM:SS.mmm in UTC, and reads it back', () => {
    for (let i = 0; i < 20_000; i++) {
      const at = new Date(Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 100 * 365.25 * 86_400_000));
      expect(sqlTime(at)).toBe(iso(at));
      expect(readTime(sqlTime(at)).getTime()).toBe(at.getTime());
    }
    expect(sqlTime(new Date('2026-01-02T03:04:05.006Z'))).toBe('2026-01-02 03:04:05.006');
    expect(sqlTime(new Date('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31 23:59:59.999');
    expect(sqlTime(new Date('0999-01-02T03:04:05.060Z'))).toBe('0999-01-02 03:04:05.060');
  });

  it('refuses an invalid date as toISOString does', () => {
    expect(() => sqlTime(new Date(NaN))).toThrow(RangeError);
  });
});
