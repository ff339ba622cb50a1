import type { OrderGrant } from './order-grant.js';

export interface OrderGrantRepository {
  /** Records the grant; granting the same order to the same token again moves its expiry. */
  add(grant: OrderGrant): Promise<void>;
  /** The order numbers granted to the token and unexpired at `now`. */
  orderNosOf(tokenHash: string, now: Date): Promise<string[]>;
  /** Removes the grants whose expiry is at or before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}
