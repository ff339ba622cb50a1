/**
 * Refuses a count of units that is not a positive whole number: a stock write with 0, a negative
 * or a fraction would silently do nothing, or move the stock the wrong way.
 */
export function assertUnits(units: number): void {
  if (!Number.isSafeInteger(units) || units <= 0) throw new RangeError(`Units must be a positive integer, not ${units}`);
}
