import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { VerifyCodeDigest } from '../../core/identity/verify-code-digest.js';

/** Names what the derived key is for, so it never equals a key derived for anything else. */
const KEY_INFO = 'o2o-user-api sms verify codes v1';

/**
 * {@link VerifyCodeDigest} as lowercase hex HMAC-SHA256 of `mobile:code`, under a key derived with
 * HKDF-SHA256 from the deployment's `SECRET_KEY` (which itself seals the opers' secrets: the
 * derivation keeps the two uses apart). Comparison is constant-time.
 */
export class HmacVerifyCodeDigest implements VerifyCodeDigest {
  readonly #key: Buffer;

  constructor(secretKey: Buffer) {
    this.#key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), KEY_INFO, 32));
  }

  digest(mobile: string, code: string): string {
    return createHmac('sha256', this.#key).update(`${mobile}:${code}`, 'utf8').digest('hex');
  }

  matches(stored: string, mobile: string, code: string): boolean {
    const expected = Buffer.from(this.digest(mobile, code), 'utf8');
    const actual = Buffer.from(stored, 'utf8');
    // Lengths differ only for a stored value that is no digest at all (a row from before digests).
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
