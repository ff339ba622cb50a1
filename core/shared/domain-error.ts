import { type ErrorCode, errorMessages } from './error-codes.js';

/**
 * A refusal the client is meant to see: a code from {@link ErrorCode} and a Chinese message.
 * Anything else thrown is a fault and reaches the client only as code 500.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string = errorMessages[code],
    /** Returned to the client in `data`, where the contract asks for it (e.g. `order_no` with 70012). */
    readonly data?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** A parameter broke a rule: code 10001, with the parameter named. */
export function invalidParameter(parameter: string, rule: string): DomainError {
  return new DomainError(10001, `参数不合法: ${parameter} ${rule}`);
}
