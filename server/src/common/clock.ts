/**
 * Where time comes from. Services ask the Clock, never `new Date()`, so tests can move time
 * across Shanghai midnight, month ends and expiry dates.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * The system clock moved on by a fixed offset: an end-to-end run or a demo starts the server
 * "30 days later" to see what the jobs do then (CLOCK_OFFSET_DAYS; refused in production).
 */
export class OffsetClock extends Clock {
  constructor(private readonly offsetMs: number) {
    super();
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** A clock that stands still until a test moves it. */
export class ManualClock extends Clock {
  private current: number;
  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    super();
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
