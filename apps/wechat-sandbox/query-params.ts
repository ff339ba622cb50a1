import type { ParsedUrlQuery } from 'node:querystring';

/**
 * The first value of each named query parameter (WeChat reads `?a=1&a=2` as `a=1`); a parameter
 * that is absent stays absent.
 */
export function firstValues<Name extends string>(
  query: ParsedUrlQuery,
  names: readonly Name[],
): Partial<Record<Name, string>> {
  const values: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const raw = query[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined) values[name] = value;
  }
  return values;
}
