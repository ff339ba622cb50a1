import type { PurchaseNoticeMessage } from './purchase-notice.js';

/**
 * Sends one SMS of a purchase notice with the purchase-notice template. Rejects with
 * {@link SmsNotSent} when the provider refuses it or cannot be reached; never logs the codes.
 */
export interface PurchaseNoticeSender {
  sendPurchaseNotice(mobile: string, message: PurchaseNoticeMessage): Promise<void>;
}

/** An SMS the provider did not accept. `reason` is the provider's code or `timeout`, `network`…, never content. */
export class SmsNotSent extends Error {
  override readonly name = 'SmsNotSent';

  constructor(readonly reason: string) {
    super(`SMS not sent: ${reason}`);
  }
}
