import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';

/** A merchant API key pair as WeChat Pay's merchant platform would issue it, for demo data and tests. */
export interface MerchantKeys {
  /** PKCS#8 PEM, as in `apiclient_key.pem`. */
  readonly privateKeyPem: string;
  /** SPKI PEM. */
  readonly publicKeyPem: string;
  /** A certificate serial number: 40 upper-case hex digits. */
  readonly serial: string;
}

const API_V3_KEY_LENGTH = 32;
const API_V3_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A fresh RSA-2048 key pair and a random serial. Generated at run time, never committed: the
 * demo loader and the tests make their own, and the sandbox plays WeChat with keys of its own.
 */
export function generateMerchantKeys(): MerchantKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey, serial: randomBytes(20).toString('hex').toUpperCase() };
}

/** An API v3 key: 32 characters of `[A-Za-z0-9]` (32 bytes, the AES-256 key of notifications). */
export function generateApiV3Key(): string {
  let key = '';
  for (let i = 0; i < API_V3_KEY_LENGTH; i += 1) key += API_V3_KEY_ALPHABET[randomInt(API_V3_KEY_ALPHABET.length)];
  return key;
}
