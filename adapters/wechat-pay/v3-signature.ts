import { createHash, type KeyObject, sign, verify } from 'node:crypto';
import type { Random } from '../../core/shared/random.js';
import type { WechatPayConfig } from '../../core/tenancy/oper.js';

/** The one signature scheme of WeChat Pay API v3: SHA256 with RSA (2048-bit keys). */
export const SIGNATURE_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

/** How far `Wechatpay-Timestamp` may be from our clock, either way: WeChat's documented 5 minutes. */
export const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

/**
 * The signed message of API v3: each line followed by `\n`, the last one too. A request signs
 * `METHOD`, `/v3/…?query`, timestamp, nonce, body; an answer or notification signs timestamp,
 * nonce, body; `wx.requestPayment` signs appId, timeStamp, nonceStr, package.
 */
export function signatureMessage(...lines: ReadonlyArray<string | Buffer>): Buffer {
  const newline = Buffer.from('\n');
  return Buffer.concat(lines.flatMap((line) => [typeof line === 'string' ? Buffer.from(line, 'utf8') : line, newline]));
}

/**
 * Base64 of the SHA256-with-RSA (PKCS#1 v1.5) signature of `message` by the merchant key (a
 * parsed key, see ParsedKeys, or a PEM, parsed on every call). Signed in libuv's thread pool, off
 * the event loop: an RSA-2048 signature is the costliest step of a payment (~200 µs here), and
 * the event loop serves other requests meanwhile.
 */
export function signWithMerchantKey(privateKey: KeyObject | string, message: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    sign('sha256', message, privateKey, (error, signature) => (error ? reject(error) : resolve(signature.toString('base64'))));
  });
}

/** Whether `signature` (base64) is the platform key's over `message`; false for anything malformed. */
export function verifyPlatformSignature(publicKey: KeyObject | string, message: Buffer, signature: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return verify('sha256', message, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** 32 upper-case hex characters (128 bits) drawn from `random`, for `nonce_str` and `nonceStr`. */
export function nonceFrom(random: Random): string {
  return createHash('sha256').update(random.token()).digest('hex').slice(0, 32).toUpperCase();
}

export interface AuthorizationParts {
  readonly mchid: string;
  readonly serialNo: string;
  readonly nonce: string;
  readonly timestamp: string;
  readonly signature: string;
}

/** The `Authorization` header of a request: the scheme, then the five quoted fields. */
export function authorizationHeader(parts: AuthorizationParts): string {
  return (
    `${SIGNATURE_SCHEME} mchid="${parts.mchid}",nonce_str="${parts.nonce}",signature="${parts.signature}",` +
    `timestamp="${parts.timestamp}",serial_no="${parts.serialNo}"`
  );
}

/**
 * Checks WeChat Pay's signature headers over `body` (an answer or a notification) for the oper's
 * platform key (`platformKey`, parsed from `pay.platformPublicKey`; null when it does not parse):
 * the serial must be the key's, the timestamp inside {@link TIMESTAMP_WINDOW_SECONDS} of `now`,
 * the signature valid. `header` reads a header by its lower-case name. Returns null when genuine,
 * else why not (no secret in it).
 */
export function platformSignatureRefusal(
  pay: WechatPayConfig,
  platformKey: KeyObject | null,
  header: (lowerCaseName: string) => string | undefined,
  body: string | Buffer,
  now: Date,
): string | null {
  const signature = header('wechatpay-signature');
  const timestamp = header('wechatpay-timestamp');
  const nonce = header('wechatpay-nonce');
  const serial = header('wechatpay-serial');
  if (!signature) return 'no Wechatpay-Signature';
  if (!timestamp || !nonce) return 'no Wechatpay-Timestamp or Wechatpay-Nonce';
  if (serial !== pay.platformSerial) return 'Wechatpay-Serial is not the platform key of the oper';
  const type = header('wechatpay-signature-type');
  if (type !== undefined && type !== SIGNATURE_SCHEME) return 'unsupported Wechatpay-Signature-Type';
  if (!/^\d{1,12}$/.test(timestamp)) return 'Wechatpay-Timestamp is not seconds';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > TIMESTAMP_WINDOW_SECONDS) {
    return 'Wechatpay-Timestamp is outside the 5-minute window';
  }
  const message = signatureMessage(timestamp, nonce, body);
  if (platformKey === null) return 'the platform public key of the oper does not parse';
  return verifyPlatformSignature(platformKey, message, signature) ? null : 'Wechatpay-Signature does not verify';
}
