import { errorMessages } from '../../core/index.js';

/** What an answer must never show: a stack frame, SQL or a driver's error. */
const LEAKS = /\n\s+at |\bat [\w.<>]+ \(|SQLITE_|ER_[A-Z_]{3,}|\bknex\b|\bselect .+ from\b|\binsert into\b|TypeError|ReferenceError|ECONNREFUSED/i;

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Codes that may come with a write: success, a wrong SMS code (its tries are counted), WeChat failing after the order was kept. */
export const CODES_THAT_MAY_WRITE: ReadonlySet<number> = new Set([0, 20001, 70012]);

/** The envelope with a specific code (never 500), no leak, a request id; returns the code. */
export function envelopeCode(answer: Answer): number {
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status} instead of 200`);
  if (!answer.headers.get('x-request-id')) throw new Error('no X-Request-Id');
  const body = JSON.parse(answer.text) as { code?: unknown; message?: unknown; data?: unknown };
  // A success carries data from the database, which may say anything; a refusal must not leak.
  if (body.code !== 0 && LEAKS.test(answer.text)) throw new Error(`the answer leaks internals: ${answer.text.slice(0, 300)}`);
  if (typeof body.code !== 'number' || !(body.code in errorMessages)) throw new Error(`no known code: ${answer.text.slice(0, 300)}`);
  if (body.code === 500) throw new Error(`500: ${answer.text}`);
  if (typeof body.message !== 'string' || body.message === '') throw new Error('no message');
  if (body.data !== undefined && (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data))) throw new Error('data is not an object');
  return body.code;
}

/** The bridge page's protocol: an HTML page, 200 or a 4xx with a readable refusal, no leak. */
export function bridgeStatus(answer: Answer): number {
  if (answer.status >= 500 || (answer.status !== 200 && (answer.status < 400 || answer.status > 499))) throw new Error(`HTTP ${answer.status}`);
  if (!(answer.headers.get('content-type') ?? '').startsWith('text/html')) throw new Error(`not HTML: ${answer.headers.get('content-type')}`);
  if (LEAKS.test(answer.text)) throw new Error(`the page leaks internals: ${answer.text.slice(0, 300)}`);
  return answer.status;
}

/**
 * WeChat Pay's protocol for a notification nobody signed: a 4xx with `{code: 'FAIL', message}`
 * (a path no route matches, as `/notify/` with nothing after it, is the app's 404 with 10000).
 */
export function notificationRefused(answer: Answer): void {
  if (answer.status < 400 || answer.status > 499) throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
  const body = JSON.parse(answer.text) as { code?: unknown; message?: unknown };
  if (answer.status === 404 && body.code === 10000) return;
  if (body.code !== 'FAIL' || typeof body.message !== 'string') throw new Error(`not WeChat's FAIL body: ${answer.text.slice(0, 200)}`);
  if (LEAKS.test(answer.text)) throw new Error(`the answer leaks internals: ${answer.text.slice(0, 300)}`);
}
