import { createVerify } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { type LocalHttpServer, startLocalHttpServer } from '../support/local-http-server.js';
import { MCHID, MERCHANT_SERIAL, merchantKeys, platformHeaders, platformKeys, rsaKeyPair } from './wechat-pay-fixtures.js';

/** The prefix the fake is mounted under, as the app's sandbox is; never part of what is signed. */
export const PREFIX = '/wechat-sandbox';

export interface ReceivedCall {
  readonly method: string;
  /** Path and query as WeChat Pay sees them (prefix removed). */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Why the Authorization header failed, or null when it verified. */
  readonly authRefusal: string | null;
}

/** How the fake answers: `sign` spoils the answer's signature in the ways a forger would. */
export interface FakeAnswer {
  readonly status: number;
  /** An object is sent as JSON; a string as is. */
  readonly body?: unknown;
  readonly sign?: 'valid' | 'none' | 'other-key' | 'other-serial' | 'stale' | 'tampered';
  /** Never answers (to test timeouts). */
  readonly hang?: boolean;
}

const AUTHORIZATION =
  /^WECHATPAY2-SHA256-RSA2048 mchid="(\d+)",nonce_str="([^"]+)",signature="([^"]+)",timestamp="(\d+)",serial_no="([^"]+)"$/;
const intruder = rsaKeyPair();

/**
 * A node:http server playing WeChat Pay: it verifies each request's Authorization with the merchant
 * public key over the documented five lines, refuses a bad one with 401 SIGN_ERROR, and signs its
 * answers with the platform key at the time `now()` gives.
 */
export async function startFakeWechatPayServer(now: () => Date, answer: (call: ReceivedCall) => FakeAnswer) {
  const calls: ReceivedCall[] = [];
  const server: LocalHttpServer = await startLocalHttpServer((request, response, body) => {
    const url = request.url ?? '/';
    const path = url.startsWith(PREFIX) ? url.slice(PREFIX.length) : url;
    const call = { method: request.method ?? '', path, headers: request.headers, body, authRefusal: null as string | null };
    call.authRefusal = authorizationRefusal(call);
    calls.push(call);
    if (call.authRefusal !== null) return send(response, { status: 401, body: { code: 'SIGN_ERROR', message: call.authRefusal } }, now);
    const planned = answer(call);
    if (!planned.hang) send(response, planned, now);
  });
  return { url: `${server.url}${PREFIX}`, calls, close: () => server.close() };
}

function authorizationRefusal(call: Omit<ReceivedCall, 'authRefusal'>): string | null {
  const match = AUTHORIZATION.exec(call.headers.authorization ?? '');
  if (!match) return 'Authorization is not WECHATPAY2-SHA256-RSA2048';
  const [, mchid, nonce, signature, timestamp, serial] = match as unknown as string[];
  if (mchid !== MCHID || serial !== MERCHANT_SERIAL) return 'unknown mchid or serial_no';
  if (call.headers.accept !== 'application/json' || !call.headers['user-agent']) return 'Accept or User-Agent missing';
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${call.method}\n${call.path}\n${timestamp}\n${nonce}\n${call.body}\n`, 'utf8');
  return verifier.verify(merchantKeys.publicKeyPem, signature!, 'base64') ? null : 'signature does not verify';
}

function send(response: ServerResponse, answer: FakeAnswer, now: () => Date): void {
  const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const seconds = Math.floor(now().getTime() / 1000);
  const sign = answer.sign ?? 'valid';
  let headers: Record<string, string> = {};
  if (sign !== 'none') {
    headers = platformHeaders(body, {
      timestamp: sign === 'stale' ? seconds - 301 : seconds,
      ...(sign === 'other-serial' ? { serial: 'PUB_KEY_ID_0000000000000000000000000000000000' } : {}),
      signingKey: sign === 'other-key' ? intruder.privateKeyPem : platformKeys.privateKeyPem,
    });
  }
  const sent = sign === 'tampered' ? body.replace(/\d/, (d) => String((Number(d) + 1) % 10)) : body;
  response.writeHead(answer.status, { ...(sent === '' ? {} : { 'Content-Type': 'application/json' }), ...headers });
  response.end(sent);
}
