import { DEMO_APPS, type SandboxMiniProgram } from '../../apps/wechat-sandbox/demo-apps.js';
import type { PayStateOptions } from '../../apps/wechat-sandbox/pay-state.js';
import {
  startSandboxServer,
  type RunningSandbox,
} from '../../apps/wechat-sandbox/sandbox-server.js';

/** The first demo mini program (oper 1's). */
export const APP_1: SandboxMiniProgram = DEMO_APPS[0]!;
/** The second demo mini program (oper 2's). */
export const APP_2: SandboxMiniProgram = DEMO_APPS[1]!;

/** A sandbox on a free port of 127.0.0.1, with helpers to call it. */
export interface TestSandbox extends RunningSandbox {
  /** GET a sandbox path (`/sns/…`, `/calls`), relative to `/wechat-sandbox`. */
  get(path: string, init?: RequestInit): Promise<Response>;
  /** GET jscode2session with these query parameters (undefined ones are left out). */
  code2Session(params: Record<string, string | undefined>, init?: RequestInit): Promise<Response>;
  /** The recorded calls, newest first. */
  calls(api?: string): Promise<RecordedCall[]>;
  /** POST to a sandbox path: `body` as JSON, or as it is when a string. */
  post(path: string, body: unknown, init?: RequestInit): Promise<Response>;
  /** POST /cgi-bin/stable_token with this body. */
  stableToken(body: unknown): Promise<Response>;
  /** A valid access token of `app` (getStableAccessToken in normal mode). */
  accessToken(app: SandboxMiniProgram): Promise<string>;
  /** POST /wxa/getwxacodeunlimit with this token (left out when undefined) and body. */
  wxacode(token: string | undefined, body: unknown): Promise<Response>;
}

/** A call as `GET /wechat-sandbox/calls` shows it (jscode2session's fields typed). */
export interface RecordedCall {
  seq: number;
  at: string;
  api: string;
  appid: string | null;
  code: string | null;
  outcome: { result: string; [field: string]: unknown };
  /** The fields of the other APIs' calls (`mchid`, `path`, `attempt`, `notify_url`…). */
  [field: string]: unknown;
}

/** What a test sandbox may be started with. */
export interface TestSandboxOptions {
  holdMs?: number;
  pay?: PayStateOptions;
  tokenTtlSeconds?: number;
  now?: () => Date;
}

/** Starts a sandbox for a test; close it in `after`. */
export async function startTestSandbox(options: TestSandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandboxServer({ port: 0, host: '127.0.0.1', ...options });
  const get = (path: string, init?: RequestInit): Promise<Response> =>
    fetch(`${sandbox.url}/wechat-sandbox${path}`, init);
  const post = (path: string, body: unknown, init?: RequestInit): Promise<Response> =>
    get(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
  const stableToken = (body: unknown): Promise<Response> => post('/cgi-bin/stable_token', body);
  return {
    post,
    stableToken,
    accessToken: async (app) => {
      const answer = (await (await stableToken(tokenParams(app))).json()) as { access_token?: string };
      if (!answer.access_token) throw new Error(`no access token for ${app.appid}: ${JSON.stringify(answer)}`);
      return answer.access_token;
    },
    wxacode: (token, body) =>
      post(token === undefined ? '/wxa/getwxacodeunlimit' : `/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, body),
    ...sandbox,
    get,
    code2Session: (params, init) => get(`/sns/jscode2session?${query(params)}`, init),
    calls: async (api) => {
      const response = await get(api === undefined ? '/calls' : `/calls?api=${api}`);
      return (await response.json()) as RecordedCall[];
    },
  };
}

/** Query parameters of a well-formed call for `app` and `code`. */
export function loginParams(app: SandboxMiniProgram, code: string): Record<string, string> {
  return { appid: app.appid, secret: app.secret, js_code: code, grant_type: 'authorization_code' };
}

/** The body of a well-formed getStableAccessToken call for `app`. */
export function tokenParams(app: SandboxMiniProgram, forceRefresh?: boolean): Record<string, unknown> {
  const params: Record<string, unknown> = { grant_type: 'client_credential', appid: app.appid, secret: app.secret };
  if (forceRefresh !== undefined) params['force_refresh'] = forceRefresh;
  return params;
}

/** A clock a test moves by hand, for `now`. */
export class TestClock {
  private ms: number;
  constructor(start = '2026-03-01T08:00:00.000Z') {
    this.ms = Date.parse(start);
  }
  readonly now = (): Date => new Date(this.ms);
  advance(seconds: number): void {
    this.ms += seconds * 1_000;
  }
}

/** Polls `check` every 10 ms until it returns a value, failing after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 2_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) search.append(name, value);
  }
  return search.toString();
}
