/** Helpers shared by the WeChat API clients for reading answers and naming failures safely. */

/** errmsg is logged up to this many characters. */
export const MAX_LOGGED_ERRMSG = 200;

/** The answer as a JSON object, or null when it is not JSON or not an object. */
export function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** errcode and errmsg of an answer, ready to log: errcode 0 when absent, errmsg cut short. */
export function wechatError(answer: Record<string, unknown>): { errcode: number | string; errmsg: string | undefined } {
  const numeric = answer.errcode === undefined ? 0 : Number(answer.errcode);
  return {
    errcode: Number.isNaN(numeric) ? String(answer.errcode) : numeric,
    errmsg: typeof answer.errmsg === 'string' ? answer.errmsg.slice(0, MAX_LOGGED_ERRMSG) : undefined,
  };
}

/**
 * Names a fetch failure without the error's message, which may carry the request URL (and so an
 * access token or a secret).
 */
export function describeFetchFailure(error: unknown): Record<string, unknown> {
  if (error instanceof Error && error.name === 'TimeoutError') return { reason: 'timeout' };
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return { reason: 'network', code: typeof cause?.code === 'string' ? cause.code : undefined };
}

/** Checks the options every WeChat client shares, so a bad configuration fails at start. */
export function checkClientOptions(client: string, baseUrl: string, timeoutMs: number): string {
  // A malformed base fails at start, not inside a request (where fetch's message would carry the URL).
  if (!URL.canParse(baseUrl)) throw new Error(`${client}: baseUrl must be an absolute URL`);
  if (!(timeoutMs > 0)) throw new RangeError(`${client}: timeoutMs must be positive`);
  return baseUrl.replace(/\/+$/, '');
}
