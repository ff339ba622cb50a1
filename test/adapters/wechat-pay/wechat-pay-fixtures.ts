import { createCipheriv, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { RawNotification } from '../../../core/ordering/wechat-pay.js';
import { type Oper, OperStatus } from '../../../core/tenancy/oper.js';
import type { SecretBox } from '../../../adapters/crypto/secret-box.js';

/**
 * WeChat Pay's side of the wire for the adapter's tests, written with node:crypto step by step
 * and apart from the adapter (none of its code is imported here), so that a mistake in the
 * adapter's signing or encryption cannot be shared by the test.
 */

export interface KeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

export function rsaKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

export const MCHID = '1900009191';
export const MERCHANT_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
export const PLATFORM_SERIAL = 'PUB_KEY_ID_0119000091912025010100000000000001';
export const API_V3_KEY = 'Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f';
export const APPID = 'wx0000000000000001';

/** The merchant and platform key pairs, generated once per test run. */
export const merchantKeys = rsaKeyPair();
export const platformKeys = rsaKeyPair();

export function payOper(secrets: SecretBox, apiV3Key = API_V3_KEY): Oper {
  return {
    id: 7,
    name: '测试运营中心',
    status: OperStatus.Enabled,
    miniProgram: { appid: APPID, sealedSecret: secrets.seal('app-secret') },
    pay: {
      mchid: MCHID,
      merchantSerial: MERCHANT_SERIAL,
      sealedPrivateKey: secrets.seal(merchantKeys.privateKeyPem),
      sealedApiV3Key: secrets.seal(apiV3Key),
      platformPublicKey: platformKeys.publicKeyPem,
      platformSerial: PLATFORM_SERIAL,
    },
  };
}

/** Base64 SHA256withRSA by a private key, the way the documentation's openssl example does it. */
export function rsaSign(privateKeyPem: string, message: string): string {
  const signer = createSign('RSA-SHA256');
  signer.update(message, 'utf8');
  return signer.sign(privateKeyPem, 'base64');
}

/** An encrypted resource: AES-256-GCM under the API v3 key, the 16-byte tag appended. */
export function encryptResource(
  plain: object,
  options: { key?: string; nonce?: string; associatedData?: string; originalType?: string } = {},
): Record<string, string> {
  const nonce = options.nonce ?? randomBytes(6).toString('hex');
  const associatedData = options.associatedData ?? 'transaction';
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(options.key ?? API_V3_KEY, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    original_type: options.originalType ?? 'transaction',
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: encrypted.toString('base64'),
    associated_data: associatedData,
    nonce,
  };
}

/** The headers WeChat Pay signs an answer or a notification with. */
export function platformHeaders(
  body: string,
  options: { timestamp: number; serial?: string; signingKey?: string },
): Record<string, string> {
  const nonce = randomBytes(16).toString('hex').toUpperCase();
  const timestamp = String(options.timestamp);
  return {
    'Wechatpay-Serial': options.serial ?? PLATFORM_SERIAL,
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': rsaSign(options.signingKey ?? platformKeys.privateKeyPem, `${timestamp}\n${nonce}\n${body}\n`),
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  };
}

/** A whole notification: event envelope around an encrypted resource, signed by the platform. */
export function signedNotification(
  resource: Record<string, string>,
  options: { timestamp: number; serial?: string; signingKey?: string; eventType?: string },
): RawNotification & { headers: Record<string, string> } {
  const body = JSON.stringify({
    id: 'EV-2018022511223320873',
    create_time: '2026-11-28T10:00:00+08:00',
    resource_type: 'encrypt-resource',
    event_type: options.eventType ?? 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource,
  });
  return { headers: platformHeaders(body, options), body };
}
