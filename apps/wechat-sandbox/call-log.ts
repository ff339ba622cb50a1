/**
 * The WeChat APIs whose calls the sandbox records (one name per route it serves), and
 * `pay-notification`: each delivery attempt of a WeChat Pay notification the sandbox sent.
 */
export const RECORDED_APIS = [
  'jscode2session',
  'stable-token',
  'wxacode',
  'pay-jsapi',
  'pay-query',
  'pay-close',
  'refund',
  'refund-query',
  'pay-notification',
] as const;

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

/** A WeChat error answer as the log keeps it. */
export interface ErrcodeOutcome {
  readonly result: 'errcode';
  readonly errcode: number;
  readonly errmsg: string;
}

/**
 * A getStableAccessToken call: never the secret; of the token only its first characters
 * (`token_prefix`), and whether this call issued it (`issued`) or got the current one again.
 */
export interface StableTokenCall {
  readonly api: 'stable-token';
  readonly appid: string | null;
  readonly force_refresh: boolean;
  readonly outcome:
    | { readonly result: 'token'; readonly token_prefix: string; readonly expires_in: number; readonly issued: boolean }
    | ErrcodeOutcome;
}

/**
 * A getwxacodeunlimit call: the app its access token belongs to (null when the token was not
 * valid), the token's first characters, the scene and page asked for, and the image's width and
 * size in bytes or the error.
 */
export interface WxacodeCall {
  readonly api: 'wxacode';
  readonly appid: string | null;
  readonly token_prefix: string | null;
  readonly scene: string | null;
  readonly page: string | null;
  readonly outcome: { readonly result: 'image'; readonly width: number; readonly bytes: number } | ErrcodeOutcome;
}

/** The WeChat Pay API v3 routes the sandbox serves, by their call-log name. */
export type PayApi = 'pay-jsapi' | 'pay-query' | 'pay-close' | 'refund' | 'refund-query';

/**
 * A WeChat Pay API v3 call: the merchant it claimed to be (null without a readable
 * Authorization header), the signed path, and the answer's status and error code.
 */
export interface PayApiCall {
  readonly api: PayApi;
  readonly mchid: string | null;
  readonly method: string;
  readonly path: string;
  readonly outcome: { readonly status: number; readonly code?: string };
}

/** What became of one delivery attempt of a notification. */
export type NotificationOutcome =
  | { readonly result: 'delivered'; readonly status: number }
  | { readonly result: 'refused'; readonly status: number }
  | { readonly result: 'unreachable'; readonly error: string };

/** One delivery attempt of a WeChat Pay notification (never its key or plaintext). */
export interface PayNotificationCall {
  readonly api: 'pay-notification';
  readonly mchid: string;
  readonly event_type: string;
  readonly notification_id: string;
  readonly out_trade_no: string;
  readonly out_refund_no: string | null;
  readonly notify_url: string;
  /** 1 for the first attempt, then 2, 3… for the retries. */
  readonly attempt: number;
  /** True for the badly signed notifications of `notify-forged`. */
  readonly forged: boolean;
  readonly outcome: NotificationOutcome;
}

/** Any recorded call's own fields (a union that grows with the APIs). */
export type SandboxCallDetails =
  | Jscode2SessionCall
  | StableTokenCall
  | WxacodeCall
  | PayApiCall
  | PayNotificationCall;

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
    if (call?.api === 'jscode2session') this.calls[index] = { ...call, outcome };
  }

  /** The calls, newest first; only those of `api` when given. */
  list<A extends RecordedApi>(api: A): Array<SandboxCall & { readonly api: A }>;
  list(api?: RecordedApi): SandboxCall[];
  list(api?: RecordedApi): SandboxCall[] {
    return this.calls.filter((call) => api === undefined || call.api === api).reverse();
  }
}
