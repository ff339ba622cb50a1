import type { Random } from '../../../core/index.js';

/**
 * A {@link Random} that never runs out and never repeats: the n-th draw is `n`, zero-padded to the
 * length asked (`digits(10)` first gives `0000000001`), and tokens are `tok-n`. For tests that draw
 * an unknown number of values (parallel calls); use ScriptedRandom to script collisions.
 */
export class SequentialRandom implements Random {
  private drawn = 0;

  token(): string {
    return `tok-${++this.drawn}`;
  }

  digits(length: number): string {
    const value = String(++this.drawn);
    if (value.length > length) throw new Error(`SequentialRandom: ${value} does not fit in ${length} digits`);
    return value.padStart(length, '0');
  }

  /** How many values have been drawn. */
  get draws(): number {
    return this.drawn;
  }
}
