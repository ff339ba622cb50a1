import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;
const BASE64URL_PART = /^[A-Za-z0-9_-]*$/;

/**
 * Seals secrets at rest (an oper's app secret, merchant private key, API v3 key) with AES-256-GCM
 * under one 32-byte key from the environment.
 *
 * Sealed text: `v1.<iv>.<ciphertext>.<tag>`, each part base64url, a fresh random 96-bit IV per
 * seal; the version prefix is authenticated too. {@link SecretBox.open} throws when the text was
 * altered or sealed under another key. Neither the key nor any plaintext ever appears in an error.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
      throw new Error(`SecretBox: the key must be ${KEY_BYTES} bytes, got ${Buffer.isBuffer(key) ? key.length : typeof key}`);
    }
    this.#key = Buffer.from(key);
  }

  /** A box from a base64 (or base64url) key, e.g. `openssl rand -base64 32`. */
  static fromBase64(text: string): SecretBox {
    const trimmed = text.trim();
    if (!BASE64.test(trimmed)) throw new Error('SecretBox: the key is not base64');
    // Node's base64 decoder reads both alphabets.
    const key = Buffer.from(trimmed, 'base64');
    if (key.length !== KEY_BYTES) {
      throw new Error(`SecretBox: the key must decode to ${KEY_BYTES} bytes, got ${key.length}`);
    }
    return new SecretBox(key);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(VERSION, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((p) => BASE64URL_PART.test(p))) {
      throw new Error(`SecretBox: not a sealed ${VERSION} value`);
    }
    const [, ivText, ciphertextText, tagText] = parts as [string, string, string, string];
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new Error(`SecretBox: not a sealed ${VERSION} value`);
    }
    const decipher = createDecipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(VERSION, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('SecretBox: the sealed value was altered or sealed under another key');
    }
  }
}
