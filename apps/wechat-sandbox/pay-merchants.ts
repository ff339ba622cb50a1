import { createPublicKey, type KeyObject } from 'node:crypto';
import type { PayState } from './pay-state.js';

/** A WeChat Pay merchant account the sandbox knows (enrolled through `POST /merchants`). */
export interface SandboxMerchant {
  readonly mchid: string;
  /** The serial of the merchant's API certificate, as `serial_no` in the Authorization header. */
  readonly merchantSerial: string;
  readonly merchantPublicKey: KeyObject;
  readonly merchantPublicKeyPem: string;
  /** Encrypts the notifications' resources; never shown by the sandbox. */
  readonly apiV3Key: string;
  /** The AppIDs bound to the merchant account (JSAPI prepay checks the appid against these). */
  readonly appids: readonly string[];
  readonly registeredAt: Date;
}

const MCHID = /^[0-9A-Za-z_-]{1,32}$/;
const SERIAL = /^[0-9A-Za-z_-]{1,64}$/;
const APPID = /^[0-9A-Za-z_-]{1,32}$/;

/**
 * Reads an enrolment body `{mchid, merchantSerial, merchantPublicKey (PEM), apiV3Key (32
 * bytes), appids}`; answers the merchant, or why the body is refused.
 */
export function parseEnrolment(body: unknown, now: Date): SandboxMerchant | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const { mchid, merchantSerial, merchantPublicKey, apiV3Key, appids } = body as Record<string, unknown>;
  if (typeof mchid !== 'string' || !MCHID.test(mchid)) return 'mchid must be 1-32 letters, digits, _ or -';
  if (typeof merchantSerial !== 'string' || !SERIAL.test(merchantSerial)) {
    return 'merchantSerial must be 1-64 letters, digits, _ or -';
  }
  if (typeof apiV3Key !== 'string' || Buffer.byteLength(apiV3Key, 'utf8') !== 32 || apiV3Key.length !== 32) {
    return 'apiV3Key must be 32 ASCII characters';
  }
  if (!Array.isArray(appids) || appids.length === 0 || !appids.every((a) => typeof a === 'string' && APPID.test(a))) {
    return 'appids must be a non-empty array of AppIDs';
  }
  if (typeof merchantPublicKey !== 'string') return 'merchantPublicKey must be a PEM public key';
  let key: KeyObject;
  try {
    key = createPublicKey(merchantPublicKey);
  } catch {
    return 'merchantPublicKey is not a readable PEM public key';
  }
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    return 'merchantPublicKey must be an RSA key of at least 2048 bits';
  }
  return {
    mchid,
    merchantSerial,
    merchantPublicKey: key,
    merchantPublicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
    apiV3Key,
    appids: Object.freeze([...new Set(appids as string[])]),
    registeredAt: now,
  };
}

/** What an enrolled merchant verifies WeChat Pay with. */
export interface EnrolmentAnswer {
  readonly platformSerial: string;
  readonly platformPublicKey: string;
}

/**
 * Enrols a merchant account (or enrols it again, replacing its keys and appids) from an enrolment
 * body; answers the platform key, or why the body is refused. `POST /merchants` and an app that
 * mounts the sandbox in its own process both enrol through here.
 */
export async function enrolMerchant(pay: PayState, body: unknown): Promise<EnrolmentAnswer | string> {
  const merchant = parseEnrolment(body, pay.now());
  if (typeof merchant === 'string') return merchant;
  const platform = await pay.platformKeys();
  pay.merchants.set(merchant.mchid, merchant);
  return { platformSerial: platform.serial, platformPublicKey: platform.publicKeyPem };
}

/** What `GET /merchants/{mchid}` shows: everything but the API v3 key. */
export function merchantView(merchant: SandboxMerchant, platform: { serial: string; publicKeyPem: string }): object {
  return {
    mchid: merchant.mchid,
    merchantSerial: merchant.merchantSerial,
    merchantPublicKey: merchant.merchantPublicKeyPem,
    appids: merchant.appids,
    registeredAt: merchant.registeredAt.toISOString(),
    platformSerial: platform.serial,
    platformPublicKey: platform.publicKeyPem,
  };
}
