import { AccessTokens } from './access-tokens.js';
import { CallLog } from './call-log.js';
import { HeldAnswers } from './held-answers.js';
import { createPayState, type PayState, type PayStateOptions } from './pay-state.js';
import { SmsState } from './sms-state.js';
import { WxacodeLog } from './wxacodes.js';

/**
 * The sandbox's whole in-memory state, one object shared by its route modules; each WeChat API
 * family adds its stores here.
 */
export interface SandboxState {
  /** Every call received, for `GET /wechat-sandbox/calls`. */
  readonly calls: CallLog;
  /** Answers held back by the `fault-timeout` code. */
  readonly held: HeldAnswers;
  /** The access tokens issued by getStableAccessToken, per appid. */
  readonly tokens: AccessTokens;
  /** The mini-program codes made by getwxacodeunlimit, for `GET /wechat-sandbox/wxacodes`. */
  readonly wxacodes: WxacodeLog;
  /** WeChat Pay: platform key, merchants, transactions, refunds, notifications. */
  readonly pay: PayState;
  /** Tencent Cloud SMS: the messages received and the faults to play. */
  readonly sms: SmsState;
}

/** How to create a sandbox state. */
export interface SandboxStateOptions {
  readonly pay?: PayStateOptions;
  /**
   * How long access tokens live, in seconds: WeChat's 7 200 by default; a short one (e.g. 1)
   * lets a client's tests see its token expire (42001) and be renewed.
   */
  readonly tokenTtlSeconds?: number;
  /** The clock of access tokens and mini-program codes (default the system's). */
  readonly now?: () => Date;
}

/** A fresh, empty sandbox state. */
export function createSandboxState(options: SandboxStateOptions = {}): SandboxState {
  const calls = new CallLog();
  return {
    calls,
    held: new HeldAnswers(),
    tokens: new AccessTokens(options.tokenTtlSeconds, options.now),
    wxacodes: new WxacodeLog(1000, options.now),
    pay: createPayState(calls, options.pay),
    sms: new SmsState(1000, options.now),
  };
}

/** Lets go of everything pending (held answers, notification retries): the server is closing. */
export function releaseSandboxState(state: SandboxState): void {
  state.held.releaseAll();
  state.pay.outbox.stop();
}
