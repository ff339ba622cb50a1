/** Helpers shared by the WeChat API clients for reading answers and naming failures safely. */
export { describeFetchFailure, parseObject } from '../shared/http-answers.js';

/** errmsg is logged up to this many characters. */
export const MAX_LOGGED_ERRMSG = 200;

/** errcode and errmsg of an answer, ready to log: errcode 0 when absent, errmsg cut short. */
export function wechatError(answer: Record<string, unknown>): { errcode: number | string; errmsg: string | undefined } {
  const numeric = answer.errcode === undefined ? 0 : Number(answer.errcode);
  return {
    errcode: Number.isNaN(numeric) ? String(answer.errcode) : numeric,
    errmsg: typeof answer.errmsg === 'string' ? answer.errmsg.slice(0, MAX_LOGGED_ERRMSG) : undefined,
  };
}

/** Checks the options every WeChat client shares, so a bad configuration fails at start. */
export function checkClientOptions(client: string, baseUrl: string, timeoutMs: number): string {
  // A malformed base fails at start, not inside a request (where fetch's message would carry the URL).
  if (!URL.canParse(baseUrl)) throw new Error(`${client}: baseUrl must be an absolute URL`);
  if (!(timeoutMs > 0)) throw new RangeError(`${client}: timeoutMs must be positive`);
  return baseUrl.replace(/\/+$/, '');
}
