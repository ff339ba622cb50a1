import { expect } from 'chai';
import { DomainError, type ErrorCode } from '../../../core/index.js';

/**
 * Awaits `promise`, expects it to reject with a DomainError of `code`, and returns that error.
 * Fails when the promise fulfils or rejects with anything else, so a test cannot pass by accident.
 */
export async function domainErrorOf(promise: Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  let outcome: { fulfilled: unknown } | { rejected: unknown };
  try {
    outcome = { fulfilled: await promise };
  } catch (error) {
    outcome = { rejected: error };
  }
  if ('fulfilled' in outcome) {
    expect.fail(`expected DomainError ${code}, but it fulfilled with ${JSON.stringify(outcome.fulfilled)}`);
  }
  const error = outcome.rejected;
  expect(error, String(error)).to.be.instanceOf(DomainError);
  expect((error as DomainError).code).to.equal(code);
  return error as DomainError;
}
