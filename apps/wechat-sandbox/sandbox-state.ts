import { CallLog } from './call-log.js';
import { HeldAnswers } from './held-answers.js';

/**
 * The sandbox's whole in-memory state, one object shared by its route modules. Later WeChat API
 * families (pay, stable_token, wxacodes) add their stores here.
 */
export interface SandboxState {
  /** Every call received, for `GET /wechat-sandbox/calls`. */
  readonly calls: CallLog;
  /** Answers held back by the `fault-timeout` code. */
  readonly held: HeldAnswers;
}

/** A fresh, empty sandbox state. */
export function createSandboxState(): SandboxState {
  return { calls: new CallLog(), held: new HeldAnswers() };
}
