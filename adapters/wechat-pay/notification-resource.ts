import { createDecipheriv } from 'node:crypto';
import { NotificationRejected } from '../../core/ordering/wechat-pay.js';
import { isJsonObject, type JsonObject, parseJsonObject } from './json-object.js';

const ALGORITHM = 'AEAD_AES_256_GCM';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** What the resource decrypts to: `transaction` for payments, `refund` for refunds. */
export type ResourceType = 'transaction' | 'refund';

/**
 * Decrypts the `resource` of a notification body whose signature was already verified:
 * AEAD_AES_256_GCM (RFC 5116) under the API v3 key (32 bytes), the `nonce` (12 bytes) as IV,
 * `associated_data` (possibly empty) as AAD, and `ciphertext` base64 of the encrypted bytes
 * followed by the 16-byte tag. A resource of another `original_type`, a wrong key or any altered
 * byte throws {@link NotificationRejected}; only a JSON object is returned.
 */
export function openNotificationResource(apiV3Key: string, body: string, expected: ResourceType): JsonObject {
  const resource = parseJsonObject(body)?.resource;
  if (!isJsonObject(resource)) throw new NotificationRejected('the body has no resource object');
  if (resource.algorithm !== ALGORITHM) throw new NotificationRejected('the resource is not AEAD_AES_256_GCM');
  if (resource.original_type !== undefined && resource.original_type !== expected) {
    throw new NotificationRejected(`the resource is not a ${expected}`);
  }
  const { ciphertext, nonce } = resource;
  const associatedData = resource.associated_data ?? '';
  if (typeof ciphertext !== 'string' || !BASE64.test(ciphertext)) throw new NotificationRejected('the ciphertext is not base64');
  if (typeof nonce !== 'string' || Buffer.byteLength(nonce, 'utf8') !== NONCE_BYTES) {
    throw new NotificationRejected('the nonce is not 12 bytes');
  }
  if (typeof associatedData !== 'string') throw new NotificationRejected('associated_data is not a string');
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== KEY_BYTES) throw new NotificationRejected('the API v3 key of the oper is not 32 bytes');
  const sealed = Buffer.from(ciphertext, 'base64');
  if (sealed.length <= TAG_BYTES) throw new NotificationRejected('the ciphertext is shorter than its tag');

  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'utf8'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new NotificationRejected('the resource does not decrypt under the API v3 key');
  }
  const object = parseJsonObject(plain);
  if (object === null) throw new NotificationRejected('the decrypted resource is not a JSON object');
  return object;
}
