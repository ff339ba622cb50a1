import type { Clock } from '../../core/index.js';

/** A clock that stands still until told to move. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-11-28T02:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
