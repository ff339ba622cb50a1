/** Helpers shared by the HTTP clients of outside services, for reading answers and naming failures safely. */

/** The answer as a JSON object, or null when it is not JSON or not an object. */
export function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Names a fetch failure without the error's message, which may carry the request URL (and so a
 * key, an access token or a secret).
 */
export function describeFetchFailure(error: unknown): Record<string, unknown> {
  if (error instanceof Error && error.name === 'TimeoutError') return { reason: 'timeout' };
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return { reason: 'network', code: typeof cause?.code === 'string' ? cause.code : undefined };
}

/** A 2xx answer's status and body, or what went wrong, described safe to log. */
export type TextAnswer = { readonly status: number; readonly text: string } | { readonly failure: Record<string, unknown> };

/**
 * Fetches with a timeout and reads the body as text. A network failure, a timeout and a non-2xx
 * status come back as a `failure` (never the error's message, which may carry the URL).
 */
export async function fetchText(url: string | URL, init: RequestInit, timeoutMs: number): Promise<TextAnswer> {
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    return { failure: describeFetchFailure(error) };
  }
  if (status < 200 || status > 299) return { failure: { reason: 'http status', status } };
  return { status, text };
}
