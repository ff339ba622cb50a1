/**
 * An amount of money in fen (1/100 yuan), the only unit used inside: a safe integer, never
 * negative. Clients see yuan as a string with two decimals (`"12.50"`), see {@link formatFen}.
 */
export class Money {
  private constructor(readonly fen: number) {}

  static readonly zero = new Money(0);

  /** Refuses (RangeError) anything but a safe non-negative integer number of fen. */
  static fen(fen: number): Money {
    if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`money must be whole non-negative fen, not ${fen}`);
    return new Money(fen);
  }

  /** This amount `count` times (units bought, codes refunded). */
  times(count: number): Money {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`a count must be a non-negative integer, not ${count}`);
    return Money.fen(this.fen * count);
  }

  equals(other: Money): boolean {
    return this.fen === other.fen;
  }

  toString(): string {
    return formatFen(this.fen);
  }
}

/**
 * Money is integer fen inside; clients see yuan as a string with two decimals (`"12.50"`).
 */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be whole fen, not ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
