import type { Random } from '../../../core/index.js';

/**
 * A {@link Random} that hands out the values it was given, in order, so tests can assert exact
 * tokens and codes. Asking for more than the script holds, or for digits of another length than
 * the next scripted code, fails loudly instead of inventing a value.
 */
export class ScriptedRandom implements Random {
  private readonly tokens: string[];
  private readonly codes: string[];

  constructor(script: { tokens?: readonly string[]; digits?: readonly string[] } = {}) {
    this.tokens = [...(script.tokens ?? [])];
    this.codes = [...(script.digits ?? [])];
  }

  token(): string {
    const next = this.tokens.shift();
    if (next === undefined) throw new Error('ScriptedRandom: no token left in the script');
    return next;
  }

  digits(length: number): string {
    const next = this.codes.shift();
    if (next === undefined) throw new Error('ScriptedRandom: no digits left in the script');
    if (next.length !== length) throw new Error(`ScriptedRandom: asked for ${length} digits, next is "${next}"`);
    return next;
  }

  /** How many scripted tokens have not been drawn. */
  get tokensLeft(): number {
    return this.tokens.length;
  }

  /** How many scripted codes have not been drawn. */
  get digitsLeft(): number {
    return this.codes.length;
  }
}

/** `count` distinct six-digit codes: `100001`, `100002`, … */
export function sixDigitCodes(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(100001 + i));
}
