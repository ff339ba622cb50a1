import type { Container, MapToResolvedValueInjectOptions, ServiceIdentifier } from 'inversify';

/**
 * Binds a decorator-free class (a core use case) once: each constructor argument named by a
 * token, the tokens' types checked against the constructor's parameters.
 */
export function bindClass<T, A extends unknown[]>(
  c: Container,
  token: ServiceIdentifier<T>,
  Class: new (...args: A) => T,
  dependencies: Tokens<A>,
): void {
  // inversify's own tuple type makes optional parameters required; here a shorter list leaves the
  // trailing optional parameters to their defaults, which is what the constructor allows.
  c.bind(token).toResolvedValue((...args: A) => new Class(...args), dependencies as MapToResolvedValueInjectOptions<A>);
}

/** One token per constructor parameter, each of the parameter's type; optional parameters may be left out. */
export type Tokens<A extends unknown[]> = { readonly [K in keyof A]: ServiceIdentifier<A[K]> };

/**
 * Binds what `make` builds from a deps object (a route module), each dependency named by its key
 * and found by its token, the tokens' types checked against the deps object's.
 */
export function bindNamed<T, D extends object>(
  c: Container,
  token: ServiceIdentifier<T>,
  make: (deps: D) => T,
  dependencies: { readonly [K in keyof D]: ServiceIdentifier<D[K]> },
): void {
  const keys = Object.keys(dependencies) as (keyof D & string)[];
  c.bind(token).toResolvedValue(
    // The keys are D's own, each value resolved by its key's token: the object is a D.
    (...values: unknown[]) => make(Object.fromEntries(keys.map((key, i) => [key, values[i]])) as D),
    keys.map((key) => dependencies[key]),
  );
}
