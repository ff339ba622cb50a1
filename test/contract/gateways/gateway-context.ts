/** What every gateway contract context has: a way to let go of what it started. */
export interface ClosableContext {
  close(): Promise<void>;
}

/**
 * Registers hooks that give each test of the enclosing `describe` a fresh context from `make`
 * (a fake, or a real adapter with the sandbox or test server it talks to); the returned function
 * reads the current one.
 */
export function useGatewayContext<C extends ClosableContext>(make: () => Promise<C>): () => C {
  let current: C | null = null;
  beforeEach(async () => {
    current = await make();
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  return () => {
    if (!current) throw new Error('No gateway context: called outside a test');
    return current;
  };
}

/**
 * Checks that a gateway call behaves as a remote call: it returns a promise without throwing,
 * and settles only after work queued before it (an immediate) has run, so a missing `await` in
 * a caller cannot go unseen. Resolves to the call's outcome, fulfilled or rejected.
 */
export async function settlesLikeARemoteCall<T>(call: () => Promise<T>): Promise<PromiseSettledResult<T>> {
  let turnTaken = false;
  setImmediate(() => {
    turnTaken = true;
  });
  const outcome = await call().then(
    (value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
    (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
  );
  if (!turnTaken) throw new Error('the call settled before other work had a turn: not as a remote call does');
  return outcome;
}
