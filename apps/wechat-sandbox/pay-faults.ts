import type { PayApi } from './call-log.js';

/** The WeChat Pay APIs whose calls the `faults` control can spoil, by their names in that control. */
export const FAULTY_APIS = Object.freeze({
  prepay: 'pay-jsapi',
  query: 'pay-query',
  close: 'pay-close',
  refund: 'refund',
  'refund-query': 'refund-query',
} as const satisfies Record<string, PayApi>);

export type FaultyApi = keyof typeof FAULTY_APIS;

/**
 * How a spoilt call fails:
 * - `500`: a 500 SYSTEM_ERROR before anything happens;
 * - `timeout`: the call takes effect, and its answer is held until the client gives up;
 * - `garbage`: the call takes effect, and the answer is a 200 whose body is not JSON;
 * - `unsigned`: the call takes effect, and the answer carries no platform signature;
 * - `refused` (the sandbox's own addition): a 403 NOT_ENOUGH (the merchant's balance is short)
 *   before anything happens, WeChat Pay's refusal of a refund for good.
 */
export const FAULT_KINDS = ['500', 'timeout', 'garbage', 'unsigned', 'refused'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The faults armed for the next calls of each API: each call takes one. */
export class PayFaults {
  private readonly armed = new Map<PayApi, { fault: FaultKind; left: number }>();

  /** The next `times` calls of `api` fail with `fault` (replacing what was armed for it). */
  arm(api: FaultyApi, fault: FaultKind, times: number): void {
    this.armed.set(FAULTY_APIS[api], { fault, left: times });
  }

  clear(): void {
    this.armed.clear();
  }

  /** The fault this call of `api` suffers, if one is armed (and counts it). */
  take(api: PayApi): FaultKind | null {
    const armed = this.armed.get(api);
    if (!armed) return null;
    armed.left -= 1;
    if (armed.left <= 0) this.armed.delete(api);
    return armed.fault;
  }

  /** What is armed, for the control's answer. */
  list(): Array<{ api: FaultyApi; fault: FaultKind; times: number }> {
    const names = Object.entries(FAULTY_APIS) as Array<[FaultyApi, PayApi]>;
    return names.flatMap(([name, api]) => {
      const armed = this.armed.get(api);
      return armed ? [{ api: name, fault: armed.fault, times: armed.left }] : [];
    });
  }
}
