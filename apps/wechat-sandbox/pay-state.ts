import type { CallLog } from './call-log.js';
import { NotificationOutbox } from './notification-outbox.js';
import { createPlatformKeys, type PlatformKeys } from './pay-crypto.js';
import { PayFaults } from './pay-faults.js';
import { PayLedger } from './pay-ledger.js';
import type { SandboxMerchant } from './pay-merchants.js';

/** How the WeChat Pay side of the sandbox behaves. */
export interface PayStateOptions {
  /** Waits before each notification retry (default 200, 1 000 and 3 000 ms: three retries). */
  readonly notifyRetryDelaysMs?: readonly number[];
  /** How long one notification attempt may take (default 5 000 ms). */
  readonly notifyTimeoutMs?: number;
  /**
   * How long a refund stays PROCESSING before it ends as its transaction's refund outcome says
   * (default 0: right after the refund call is answered, so that a query made after the answer
   * already sees how it ended; its notification is sent in the background either way).
   */
  readonly refundSettleMs?: number;
  /** The sandbox's clock (default the system's). */
  readonly now?: () => Date;
}

/** The defaults of `PayStateOptions`. */
export const PAY_DEFAULTS = Object.freeze({
  notifyRetryDelaysMs: Object.freeze([200, 1_000, 3_000]),
  notifyTimeoutMs: 5_000,
  refundSettleMs: 0,
});

/** WeChat Pay's state in the sandbox: its platform key, the merchants, the ledger, the outbox. */
export interface PayState {
  /**
   * The platform key pair: one per state, generated in memory (never stored) the first time
   * a pay route needs it, off the event loop.
   */
  platformKeys(): Promise<PlatformKeys>;
  /** Enrolled merchant accounts by mchid. */
  readonly merchants: Map<string, SandboxMerchant>;
  readonly ledger: PayLedger;
  readonly outbox: NotificationOutbox;
  /** Faults armed for the next calls of the v3 APIs (the `faults` control). */
  readonly faults: PayFaults;
  readonly refundSettleMs: number;
  readonly now: () => Date;
}

/** A fresh WeChat Pay state that records notification deliveries in `calls`. */
export function createPayState(calls: CallLog, options: PayStateOptions = {}): PayState {
  let keys: Promise<PlatformKeys> | undefined;
  return {
    platformKeys: () => (keys ??= createPlatformKeys()),
    merchants: new Map(),
    ledger: new PayLedger(),
    outbox: new NotificationOutbox(calls, {
      retryDelaysMs: options.notifyRetryDelaysMs ?? PAY_DEFAULTS.notifyRetryDelaysMs,
      timeoutMs: options.notifyTimeoutMs ?? PAY_DEFAULTS.notifyTimeoutMs,
    }),
    faults: new PayFaults(),
    refundSettleMs: options.refundSettleMs ?? PAY_DEFAULTS.refundSettleMs,
    now: options.now ?? (() => new Date()),
  };
}
