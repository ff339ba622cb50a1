import { expect } from 'chai';
import { createHmac, hkdfSync } from 'node:crypto';
import { HmacVerifyCodeDigest } from '../../../adapters/crypto/hmac-verify-code-digest.js';

const KEY = Buffer.alloc(32, 7);
const MOBILE = '13800138000';

describe('HmacVerifyCodeDigest', () => {
  const digest = new HmacVerifyCodeDigest(KEY);

  it('is HMAC-SHA256 of mobile:code under an HKDF-SHA256 key derived from the secret key, in hex', () => {
    const derived = Buffer.from(hkdfSync('sha256', KEY, Buffer.alloc(0), 'o2o-user-api sms verify codes v1', 32));
    const expected = createHmac('sha256', derived).update(`${MOBILE}:123456`).digest('hex');
    expect(digest.digest(MOBILE, '123456')).to.equal(expected).and.match(/^[0-9a-f]{64}$/);
    // The secret key itself is not the HMAC key: the derivation keeps it apart from sealing.
    expect(digest.digest(MOBILE, '123456')).to.not.equal(createHmac('sha256', KEY).update(`${MOBILE}:123456`).digest('hex'));
  });

  it('differs by code, by mobile and by key', () => {
    const stored = digest.digest(MOBILE, '123456');
    expect(digest.digest(MOBILE, '123457')).to.not.equal(stored);
    expect(digest.digest('13800138001', '123456')).to.not.equal(stored);
    expect(new HmacVerifyCodeDigest(Buffer.alloc(32, 8)).digest(MOBILE, '123456')).to.not.equal(stored);
  });

  it('matches only the code and mobile it was made from', () => {
    const stored = digest.digest(MOBILE, '123456');
    expect(digest.matches(stored, MOBILE, '123456')).to.equal(true);
    expect(digest.matches(stored, MOBILE, '654321')).to.equal(false);
    expect(digest.matches(stored, '13800138001', '123456')).to.equal(false);
    expect(new HmacVerifyCodeDigest(Buffer.alloc(32, 8)).matches(stored, MOBILE, '123456')).to.equal(false);
  });

  it('matches nothing for a stored value that is no digest (a code stored before digests, or empty)', () => {
    expect(digest.matches('', MOBILE, '')).to.equal(false);
    expect(digest.matches('123456', MOBILE, '123456')).to.equal(false);
    expect(digest.matches(digest.digest(MOBILE, '123456').toUpperCase(), MOBILE, '123456')).to.equal(false);
  });
});
