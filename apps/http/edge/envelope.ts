import { type ErrorCode, errorMessages } from '../../../core/index.js';

/** The body of every answer under `/api/user`: `{code, message, data?}`, `data` always an object. */
export interface Envelope {
  readonly code: number;
  readonly message: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export function success(data: Readonly<Record<string, unknown>> = {}): Envelope {
  return { code: 0, message: errorMessages[0], data };
}

export function failure(code: ErrorCode, message: string = errorMessages[code], data?: Readonly<Record<string, unknown>>): Envelope {
  return data === undefined ? { code, message } : { code, message, data };
}
