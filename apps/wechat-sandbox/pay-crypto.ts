import {
  createCipheriv,
  generateKeyPair,
  randomBytes,
  randomInt,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/** WeChat Pay's side of the signing: the platform key pair and the serial that names it. */
export interface PlatformKeys {
  /** `PUB_KEY_ID_` and hex, as WeChat Pay's public-key mode names its key. */
  readonly serial: string;
  readonly privateKey: KeyObject;
  /** The public key as SPKI PEM, what a merchant configures to verify answers and notices. */
  readonly publicKeyPem: string;
}

/** Makes a fresh RSA-2048 platform key pair (off the event loop); it lives only in memory. */
export function createPlatformKeys(): Promise<PlatformKeys> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) => {
      if (error) return reject(error);
      resolve({
        serial: `PUB_KEY_ID_${randomBytes(14).toString('hex').toUpperCase()}`,
        privateKey,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      });
    });
  });
}

/** Base64 SHA256-with-RSA (PKCS #1 v1.5) signature of a UTF-8 message. */
export function signMessage(privateKey: KeyObject, message: string): string {
  return sign('sha256', Buffer.from(message, 'utf8'), privateKey).toString('base64');
}

/** Whether `signature` (base64) is a SHA256-with-RSA signature of `message` by `publicKey`. */
export function verifyMessage(publicKey: KeyObject, message: string, signature: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return verify('sha256', Buffer.from(message, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** An `encrypt-resource` as WeChat Pay sends it, AEAD_AES_256_GCM under the API v3 key. */
export interface EncryptedResource {
  readonly original_type: string;
  readonly algorithm: 'AEAD_AES_256_GCM';
  /** Base64 of the ciphertext followed by the 16-byte authentication tag. */
  readonly ciphertext: string;
  readonly associated_data: string;
  /** 12 characters, used as the 12-byte IV. */
  readonly nonce: string;
}

/** Encrypts `plaintext` with the merchant's API v3 key (32 bytes) and a fresh 12-character nonce. */
export function encryptResource(
  apiV3Key: string,
  originalType: string,
  associatedData: string,
  plaintext: string,
): EncryptedResource {
  const nonce = randomAlphanumeric(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    original_type: originalType,
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: encrypted.toString('base64'),
    associated_data: associatedData,
    nonce,
  };
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random letters and digits. */
export function randomAlphanumeric(length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return text;
}

/** `length` random decimal digits. */
export function randomDigits(length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String(randomInt(10));
  return text;
}

/**
 * The headers WeChat Pay signs an answer or a notification with: a base64 SHA256-with-RSA
 * signature by the platform key over `timestamp\nnonce\nbody\n`. `forged` spoils the signature
 * (a valid-looking base64 value that does not verify), for negative tests.
 */
export function platformSignatureHeaders(
  platform: PlatformKeys,
  body: string,
  now: Date,
  forged = false,
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomAlphanumeric(32);
  let signature = signMessage(platform.privateKey, `${timestamp}\n${nonce}\n${body}\n`);
  if (forged) {
    const bytes = Buffer.from(signature, 'base64');
    bytes[0] = bytes[0]! ^ 0xff;
    signature = bytes.toString('base64');
  }
  return {
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signature,
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Serial': platform.serial,
  };
}
