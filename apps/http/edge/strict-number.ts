/**
 * How a number must be written where it arrives as text (query strings, forms, numeric strings in
 * JSON, path segments): an integer in decimal digits, with a leading `-` only where negatives make
 * sense; a coordinate in decimal notation (`116.397`). Exponents (`1e999`), hex (`0x10`), `Infinity`,
 * `NaN`, `+5`, `.5` and blanks anywhere are refused, so what reaches a use case is what the client
 * wrote and never a value JavaScript's `Number()` guessed.
 */
export type NumberKind = 'integer' | 'number';

const INTEGER = /^[0-9]+$/;
const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;

/**
 * The value `text` denotes under the rule for `kind`, or null when it is not written so. Digits
 * enough to overflow a double give ±Infinity: written right, but out of every range.
 */
export function strictNumber(text: string, kind: NumberKind, negativeAllowed: boolean): number | null {
  const negative = text.startsWith('-');
  if (negative && !negativeAllowed) return null;
  const digits = negative ? text.slice(1) : text;
  if (!(kind === 'integer' ? INTEGER : DECIMAL).test(digits)) return null;
  return Number(text);
}

/** A path segment that must be a positive id (`/notify/{oper_id}`), or null. */
export function positiveId(text: string): number | null {
  const value = strictNumber(text, 'integer', false);
  return value !== null && value >= 1 && value <= 2_147_483_647 ? value : null;
}
