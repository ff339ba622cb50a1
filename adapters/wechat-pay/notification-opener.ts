import type { Logger } from 'pino';
import { NotificationRejected, type PaymentNotice, type RawNotification, type RefundNotice } from '../../core/ordering/wechat-pay.js';
import type { Clock } from '../../core/shared/clock.js';
import type { Oper } from '../../core/tenancy/oper.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { JsonObject } from './json-object.js';
import type { ParsedKeys } from './parsed-keys.js';
import { openNotificationResource, type ResourceType } from './notification-resource.js';
import { readRefund, readTransaction } from './wechat-pay-answers.js';
import { platformSignatureRefusal } from './v3-signature.js';

export interface NotificationOpenerOptions {
  readonly secrets: SecretBox;
  /** The opers' platform keys, parsed once. */
  readonly keys: ParsedKeys;
  readonly logger: Logger;
  readonly clock: Clock;
}

/**
 * Opens WeChat Pay notifications for an oper: header names read case-insensitively, the
 * signature checked against the oper's platform key (serial, 5-minute window against replays),
 * then the resource decrypted with the API v3 key and read. Each refusal is logged with its reason
 * and thrown as {@link NotificationRejected}; nothing is read from a body before both checks pass.
 */
export class NotificationOpener {
  readonly #options: NotificationOpenerOptions;

  constructor(options: NotificationOpenerOptions) {
    this.#options = options;
  }

  payment(oper: Oper, notification: RawNotification): PaymentNotice {
    const notice = readTransaction(this.#open(oper, notification, 'transaction'), oper.pay?.mchid ?? '');
    if (notice === null) throw this.#rejected(oper, 'transaction', 'the transaction is malformed');
    return notice;
  }

  refund(oper: Oper, notification: RawNotification): RefundNotice {
    const notice = readRefund(this.#open(oper, notification, 'refund'), oper.pay?.mchid ?? '');
    if (notice === null) throw this.#rejected(oper, 'refund', 'the refund is malformed');
    return notice;
  }

  #open(oper: Oper, notification: RawNotification, type: ResourceType): JsonObject {
    const pay = oper.pay;
    if (pay === null) throw this.#rejected(oper, type, 'the oper has no WeChat Pay account');
    const headers = new Map(Object.entries(notification.headers).map(([name, value]) => [name.toLowerCase(), value]));
    const now = this.#options.clock.now();
    const refusal = platformSignatureRefusal(pay, this.#options.keys.platformKey(pay), (name) => headers.get(name), notification.body, now);
    if (refusal !== null) throw this.#rejected(oper, type, refusal);
    let apiV3Key: string;
    try {
      apiV3Key = this.#options.secrets.open(pay.sealedApiV3Key);
    } catch {
      throw this.#rejected(oper, type, 'the API v3 key of the oper cannot be opened');
    }
    try {
      return openNotificationResource(apiV3Key, notification.body, type);
    } catch (error) {
      throw error instanceof NotificationRejected ? this.#rejected(oper, type, error.message) : error;
    }
  }

  #rejected(oper: Oper, type: ResourceType, reason: string): NotificationRejected {
    const fields = { operId: oper.id, mchid: oper.pay?.mchid, resource: type, reason };
    this.#options.logger.warn(fields, 'wechat pay notification rejected');
    return new NotificationRejected(reason);
  }
}
