import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { WechatPayConfig } from '../../core/tenancy/oper.js';
import type { SecretBox } from '../crypto/secret-box.js';

/** How many keys of each kind are kept (one per oper in use; the oldest is dropped past it). */
const KEPT = 256;

/**
 * The opers' WeChat Pay keys as parsed `KeyObject`s, kept for the life of the process: parsing a
 * PEM costs more than the RSA operation itself (measured here: a signature with a PKCS#8 PEM
 * ~670 µs, with a KeyObject ~200 µs; a verification ~110 µs against ~16 µs). Entries are keyed by
 * the stored text, so a rotated key (another sealed text, another PEM) is parsed afresh and the
 * old entry simply ages out. The private key is opened from its sealed text only to be parsed;
 * a KeyObject never prints its material, so keeping it adds no way for it to reach a log.
 */
export class ParsedKeys {
  readonly #secrets: SecretBox;
  readonly #merchant = new Map<string, KeyObject>();
  readonly #platform = new Map<string, KeyObject | null>();

  constructor(secrets: SecretBox) {
    this.#secrets = secrets;
  }

  /** The merchant's private key (throws as `SecretBox.open` and `createPrivateKey` do). */
  merchantKey(pay: WechatPayConfig): KeyObject {
    const kept = this.#merchant.get(pay.sealedPrivateKey);
    if (kept !== undefined) return kept;
    const key = createPrivateKey(this.#secrets.open(pay.sealedPrivateKey));
    keep(this.#merchant, pay.sealedPrivateKey, key);
    return key;
  }

  /** WeChat Pay's platform public key of the account, or null when its PEM does not parse. */
  platformKey(pay: WechatPayConfig): KeyObject | null {
    const kept = this.#platform.get(pay.platformPublicKey);
    if (kept !== undefined) return kept;
    let key: KeyObject | null;
    try {
      key = createPublicKey(pay.platformPublicKey);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      key = null;
    }
    keep(this.#platform, pay.platformPublicKey, key);
    return key;
  }
}

function keep<V>(map: Map<string, V>, text: string, value: V): void {
  if (map.size >= KEPT) map.delete(map.keys().next().value!);
  map.set(text, value);
}
