/** Fields of a log line: order numbers, codes, reasons; never a secret. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/**
 * Where the ordering use cases report what a person may have to act on: a refund that failed,
 * a payment that does not match its order, an order the sweep could not close. (pino's logger
 * fits as it is.)
 */
export interface OrderingLog {
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
}

/** Reports nothing (embedding without a log, and tests that do not look). */
export const silentOrderingLog: OrderingLog = { warn: () => undefined, error: () => undefined };
