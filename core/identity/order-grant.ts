/**
 * A token's right to see and pay one order that is not its user's: what a scene login gives.
 * It is attached to the token (by the token's hash), never to an openId or a user, so it binds
 * nobody to anything and ends with the token or its own expiry.
 */
export interface OrderGrant {
  readonly tokenHash: string;
  readonly orderNo: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/**
 * A grant outlives the order's pay timeout, so that the payer can still see the payment land,
 * and no more than a day.
 */
export const ORDER_GRANT_TTL_MS = 24 * 3600_000;
