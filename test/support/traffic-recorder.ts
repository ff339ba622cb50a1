/** One HTTP exchange seen through `fetch`: what was asked and everything that came back. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/**
 * Records every exchange made through the global `fetch` (by the tests and by the app's own
 * adapters, which use it too) until `stop()`. Bodies are read from a clone, so callers still read
 * theirs.
 */
export function recordFetch(): { exchanges: Exchange[]; stop(): void } {
  const original = globalThis.fetch;
  const exchanges: Exchange[] = [];
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await original(input, init);
    const url = input instanceof Request ? input.url : String(input);
    const headers = [...response.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n');
    exchanges.push({ method: init?.method ?? 'GET', url, status: response.status, headers, body: await response.clone().text() });
    return response;
  };
  return {
    exchanges,
    stop: () => {
      globalThis.fetch = original;
    },
  };
}
