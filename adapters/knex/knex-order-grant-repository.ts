import type { Knex } from 'knex';
import type { OrderGrant, OrderGrantRepository } from '../../core/index.js';

interface OrderGrantRow {
  token_hash: string;
  order_no: string;
  created_at: number;
  expires_at: number;
}

/** Order grants in `order_grants`, keyed by (token hash, order number). */
export class KnexOrderGrantRepository implements OrderGrantRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /** One upsert: a second grant of the same order to the same token moves its times. */
  async add(grant: OrderGrant): Promise<void> {
    await this.db<OrderGrantRow>('order_grants')
      .insert({
        token_hash: grant.tokenHash,
        order_no: grant.orderNo,
        created_at: grant.createdAt.getTime(),
        expires_at: grant.expiresAt.getTime(),
      })
      .onConflict(['token_hash', 'order_no'])
      .merge(['created_at', 'expires_at']);
  }

  /** One lookup by primary key. */
  async isGranted(tokenHash: string, orderNo: string, now: Date): Promise<boolean> {
    const row = await this.db<OrderGrantRow>('order_grants')
      .where({ token_hash: tokenHash, order_no: orderNo })
      .andWhere('expires_at', '>', now.getTime())
      .first('order_no');
    return row !== undefined;
  }

  async deleteExpired(now: Date): Promise<number> {
    return this.db<OrderGrantRow>('order_grants').where('expires_at', '<=', now.getTime()).del();
  }
}
