import {
  createDecipheriv,
  createPublicKey,
  createSign,
  createVerify,
  generateKeyPair,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { APP_1, type TestSandbox } from './sandbox-harness.js';

/*
 * The merchant side of WeChat Pay API v3, written for the tests from the documentation and
 * independent of the sandbox's code: key pairs, request signing, answer verification and
 * notification decryption with node:crypto only.
 */

/** A merchant account as a test holds it: its private key stays here. */
export interface TestMerchant {
  readonly mchid: string;
  readonly serial: string;
  readonly apiV3Key: string;
  readonly appids: string[];
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
}

const keyPairs = new Map<string, Promise<{ privateKey: KeyObject; publicKeyPem: string }>>();

/** An RSA-2048 key pair made once per name for the whole test run (key generation is slow). */
export function testKeyPair(name: string): Promise<{ privateKey: KeyObject; publicKeyPem: string }> {
  let pair = keyPairs.get(name);
  if (!pair) {
    pair = new Promise((resolve, reject) => {
      generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) => {
        if (error) reject(error);
        else resolve({ privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
      });
    });
    keyPairs.set(name, pair);
  }
  return pair;
}

/** A merchant with its own key pair; `n` tells merchants apart. */
export async function testMerchant(n = 1, appids = [APP_1.appid]): Promise<TestMerchant> {
  const { privateKey, publicKeyPem } = await testKeyPair(`merchant-${n}`);
  return {
    mchid: `19000000${String(n).padStart(2, '0')}`,
    serial: `5157F09EFDC096DE15EBE81A47057A72${String(n).padStart(8, '0')}`,
    apiV3Key: `sandbox-apiv3-key-${String(n).padStart(4, '0')}-abcdefghi`,
    appids,
    privateKey,
    publicKeyPem,
  };
}

/** What `POST /wechat-sandbox/merchants` answers. */
export interface Platform {
  readonly platformSerial: string;
  readonly platformPublicKey: string;
}

/** Enrols a merchant in the sandbox and returns WeChat Pay's platform key. */
export async function enrol(sandbox: TestSandbox, merchant: TestMerchant): Promise<Platform> {
  const response = await fetch(`${sandbox.url}/wechat-sandbox/merchants`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      mchid: merchant.mchid,
      merchantSerial: merchant.serial,
      merchantPublicKey: merchant.publicKeyPem,
      apiV3Key: merchant.apiV3Key,
      appids: merchant.appids,
    }),
  });
  if (response.status !== 200) throw new Error(`enrol answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Platform;
}

/** How to spoil a signed request, for negative tests. */
export interface SignOptions {
  readonly timestamp?: number;
  readonly serial?: string;
  readonly mchid?: string;
  readonly signWith?: KeyObject;
  /** The path to sign when it differs from the path requested. */
  readonly signedPath?: string;
  /** The nonce to sign with (default 32 random hex digits). */
  readonly nonce?: string;
  /** The body to sign when it differs from the body sent. */
  readonly signedBody?: string;
  /** A whole Authorization header instead of the signed one (null: none). */
  readonly authorization?: string | null;
}

/** An answer as a test reads it. */
export interface PayResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: any;
}

/** Signs `METHOD\nPATH\ntimestamp\nnonce\nbody\n` with SHA256-with-RSA, base64. */
export function signRequest(privateKey: KeyObject, method: string, path: string, timestamp: string, nonce: string, body: string): string {
  return createSign('RSA-SHA256').update(`${method}\n${path}\n${timestamp}\n${nonce}\n${body}\n`).sign(privateKey, 'base64');
}

/** Calls WeChat Pay API v3 on the sandbox as `merchant`, `path` being WeChat's (`/v3/…`). */
export async function payCall(
  sandbox: TestSandbox,
  merchant: TestMerchant,
  method: 'GET' | 'POST',
  path: string,
  body?: object | string,
  options: SignOptions = {},
): Promise<PayResponse> {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomBytes(16).toString('hex').toUpperCase();
  const signature = signRequest(
    options.signWith ?? merchant.privateKey,
    method,
    options.signedPath ?? path,
    timestamp,
    nonce,
    options.signedBody ?? text,
  );
  const authorization =
    options.authorization !== undefined
      ? options.authorization
      : `WECHATPAY2-SHA256-RSA2048 mchid="${options.mchid ?? merchant.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${options.serial ?? merchant.serial}"`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (authorization !== null) headers.Authorization = authorization;
  if (method === 'POST') headers['Content-Type'] = 'application/json';
  const response = await fetch(`${sandbox.url}/wechat-sandbox${path}`, { method, headers, body: method === 'POST' ? text : undefined });
  const answer = await response.text();
  return { status: response.status, headers: response.headers, text: answer, json: answer === '' ? undefined : JSON.parse(answer) };
}

/** Whether a signed message (`timestamp\nnonce\nbody\n`) verifies with the platform key. */
export function verifiesWithPlatform(platform: Platform, headers: Headers | IncomingHttpHeaders, body: string): boolean {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  const timestamp = get('Wechatpay-Timestamp');
  const nonce = get('Wechatpay-Nonce');
  const signature = get('Wechatpay-Signature');
  if (get('Wechatpay-Serial') !== platform.platformSerial || !timestamp || !nonce || !signature) return false;
  return createVerify('RSA-SHA256')
    .update(`${timestamp}\n${nonce}\n${body}\n`)
    .verify(createPublicKey(platform.platformPublicKey), signature, 'base64');
}

/** A notification's encrypted resource. */
export interface Resource {
  original_type: string;
  algorithm: string;
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

/** Decrypts an AEAD_AES_256_GCM resource with the API v3 key (ciphertext ends with the tag). */
export function decryptResource(resource: Resource, apiV3Key: string): any {
  const data = Buffer.from(resource.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(resource.nonce));
  decipher.setAAD(Buffer.from(resource.associated_data));
  decipher.setAuthTag(data.subarray(data.length - 16));
  const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  return JSON.parse(plain);
}
