/** The current time. Injected so that expiries and windows can be tested exactly. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
