import type { OrderGrant } from './order-grant.js';

export interface OrderGrantRepository {
  /** Records the grant; granting the same order to the same token again moves its expiry. */
  add(grant: OrderGrant): Promise<void>;
  /** Whether the token holds a grant on the order, unexpired at `now`. */
  isGranted(tokenHash: string, orderNo: string, now: Date): Promise<boolean>;
  /** Removes the grants whose expiry is at or before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}
