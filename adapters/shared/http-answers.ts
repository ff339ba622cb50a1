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
