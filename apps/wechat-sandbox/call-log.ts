/** The WeChat APIs whose calls the sandbox records (one name per route it serves). */
export const RECORDED_APIS = ['jscode2session'] as const;

/** A recorded API's name, as `GET /wechat-sandbox/calls?api=` takes it. */
export type RecordedApi = (typeof RECORDED_APIS)[number];

/**
 * What the sandbox did with a jscode2session call: a session, a WeChat error, or an injected
 * fault (HTTP 500, a non-JSON body, or an answer held until the client or the server gave up).
 */
export type Jscode2SessionOutcome =
  | { readonly result: 'session'; readonly openid: string }
  | { readonly result: 'errcode'; readonly errcode: number; readonly errmsg: string }
  | { readonly result: 'http-500' }
  | { readonly result: 'garbage' }
  | { readonly result: 'holding' }
  | { readonly result: 'held'; readonly releasedBy: 'client' | 'server-close' | 'elapsed' };

/** A jscode2session call as the log keeps it: never the secret, never the session_key. */
export interface Jscode2SessionCall {
  readonly api: 'jscode2session';
  readonly appid: string | null;
  readonly code: string | null;
  readonly outcome: Jscode2SessionOutcome;
}

/** Any recorded call's own fields (a union that grows with the APIs). */
export type SandboxCallDetails = Jscode2SessionCall;

/** A recorded call: its details, a sequence number and the time it arrived (ISO 8601). */
export type SandboxCall = SandboxCallDetails & { readonly seq: number; readonly at: string };

/**
 * The calls the sandbox received, for tests and developers. Keeps the newest `capacity` calls.
 */
export class CallLog {
  private readonly calls: SandboxCall[] = [];
  private nextSeq = 1;

  constructor(
    private readonly capacity = 1000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a call and returns its sequence number (to `update` its outcome later). */
  record(details: SandboxCallDetails): number {
    const seq = this.nextSeq++;
    this.calls.push({ seq, at: this.now().toISOString(), ...details });
    if (this.calls.length > this.capacity) this.calls.shift();
    return seq;
  }

  /** Replaces the outcome of a call still in the log (a held answer that ended). */
  update(seq: number, outcome: Jscode2SessionOutcome): void {
    const index = this.calls.findIndex((call) => call.seq === seq);
    const call = this.calls[index];
    if (call) this.calls[index] = { ...call, outcome };
  }

  /** The calls, newest first; only those of `api` when given. */
  list(api?: RecordedApi): SandboxCall[] {
    return this.calls.filter((call) => api === undefined || call.api === api).reverse();
  }
}
