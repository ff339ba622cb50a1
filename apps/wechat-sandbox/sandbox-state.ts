import { CallLog } from './call-log.js';
import { HeldAnswers } from './held-answers.js';
import { createPayState, type PayState, type PayStateOptions } from './pay-state.js';

/**
 * The sandbox's whole in-memory state, one object shared by its route modules. Later WeChat API
 * families (stable_token, wxacodes) add their stores here.
 */
export interface SandboxState {
  /** Every call received, for `GET /wechat-sandbox/calls`. */
  readonly calls: CallLog;
  /** Answers held back by the `fault-timeout` code. */
  readonly held: HeldAnswers;
  /** WeChat Pay: platform key, merchants, transactions, refunds, notifications. */
  readonly pay: PayState;
}

/** How to create a sandbox state. */
export interface SandboxStateOptions {
  readonly pay?: PayStateOptions;
}

/** A fresh, empty sandbox state. */
export function createSandboxState(options: SandboxStateOptions = {}): SandboxState {
  const calls = new CallLog();
  return { calls, held: new HeldAnswers(), pay: createPayState(calls, options.pay) };
}

/** Lets go of everything pending (held answers, notification retries): the server is closing. */
export function releaseSandboxState(state: SandboxState): void {
  state.held.releaseAll();
  state.pay.outbox.stop();
}
