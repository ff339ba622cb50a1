import { randomBytes, randomInt } from 'node:crypto';
import type { Random } from '../../core/shared/random.js';

const TOKEN_BYTES = 32;

/** {@link Random} drawn from Node's cryptographic generator. */
export class NodeRandom implements Random {
  /** 32 random bytes (256 bits) as base64url: 43 characters of `[A-Za-z0-9_-]`. */
  token(): string {
    return randomBytes(TOKEN_BYTES).toString('base64url');
  }

  /** `length` decimal digits, each drawn uniformly by `crypto.randomInt(10)` (no modulo bias). */
  digits(length: number): string {
    if (!Number.isSafeInteger(length) || length < 1) {
      throw new RangeError(`digits: length must be a positive integer, got ${length}`);
    }
    let out = '';
    for (let i = 0; i < length; i += 1) out += String(randomInt(10));
    return out;
  }
}
