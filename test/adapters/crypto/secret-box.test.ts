import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';

describe('SecretBox', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);
  const secret = 'app-secret-0123456789abcdef';

  it('opens what it sealed, Unicode, PEM and empty text included', () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${randomBytes(600).toString('base64')}\n-----END PRIVATE KEY-----\n`;
    for (const plain of [secret, '密钥 ✓', pem, '']) expect(box.open(box.seal(plain))).to.equal(plain);
  });

  it('seals in a versioned text form that does not show the secret', () => {
    const sealed = box.seal(secret);
    expect(sealed).to.match(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.to.include(secret);
  });

  it('uses a fresh IV every time', () => {
    const sealed = Array.from({ length: 50 }, () => box.seal(secret));
    expect(new Set(sealed.map((s) => s.split('.')[1])).size).to.equal(50);
    expect(new Set(sealed).size).to.equal(50);
  });

  it('refuses a sealed value altered anywhere', () => {
    const sealed = box.seal(secret);
    const parts = sealed.split('.');
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index]!, 'base64url');
      bytes[0]! ^= 0x01;
      const altered = parts.map((p, i) => (i === index ? bytes.toString('base64url') : p)).join('.');
      expect(() => box.open(altered), `part ${index}`).to.throw(/altered or sealed under another key/);
    }
  });

  it('refuses malformed text and an unknown version without echoing it', () => {
    const sealed = box.seal(secret);
    for (const text of ['', secret, sealed.replace(/^v1/, 'v2'), `${sealed}.x`, sealed.replace(/\.[^.]+$/, '.!!')]) {
      expect(() => box.open(text)).to.throw(Error).that.satisfies((e: Error) => !e.message.includes(secret));
    }
  });

  it('cannot open under another key', () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => other.open(box.seal(secret))).to.throw(/altered or sealed under another key/);
  });

  it('keeps the key out of sight', () => {
    expect(JSON.stringify(box)).not.to.include(key.toString('hex'));
    expect(Object.keys(box)).to.deep.equal([]);
  });

  it('copies the key, so a later change to the caller buffer does not matter', () => {
    const bytes = randomBytes(32);
    const own = new SecretBox(bytes);
    const sealed = own.seal(secret);
    bytes.fill(0);
    expect(own.open(sealed)).to.equal(secret);
  });

  describe('fromBase64', () => {
    it('reads a 32-byte key in base64 or base64url, surrounding spaces ignored', () => {
      const sealed = box.seal(secret);
      expect(SecretBox.fromBase64(key.toString('base64')).open(sealed)).to.equal(secret);
      expect(SecretBox.fromBase64(key.toString('base64url')).open(sealed)).to.equal(secret);
      expect(SecretBox.fromBase64(` ${key.toString('base64')}\n`).open(sealed)).to.equal(secret);
    });

    it('says clearly when the key has the wrong length', () => {
      expect(() => SecretBox.fromBase64(randomBytes(16).toString('base64'))).to.throw('must decode to 32 bytes, got 16');
      expect(() => SecretBox.fromBase64(randomBytes(33).toString('base64'))).to.throw('must decode to 32 bytes, got 33');
      expect(() => SecretBox.fromBase64('')).to.throw('not base64');
    });

    it('refuses text that is not base64, without echoing it', () => {
      const text = `${key.toString('base64').slice(0, 40)}*#!?`;
      expect(() => SecretBox.fromBase64(text)).to.throw(Error).that.satisfies((e: Error) => !e.message.includes(text));
    });
  });

  it('refuses a raw key that is not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(31))).to.throw('must be 32 bytes, got 31');
  });
});
