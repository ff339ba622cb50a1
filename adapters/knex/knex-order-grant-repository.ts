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

  async orderNosOf(tokenHash: string, now: Date): Promise<string[]> {
    const rows = await this.db<OrderGrantRow>('order_grants')
      .where({ token_hash: tokenHash })
      .andWhere('expires_at', '>', now.getTime())
      .orderBy('order_no')
      .select('order_no');
    return rows.map((row) => row.order_no);
  }

  async deleteExpired(now: Date): Promise<number> {
    return this.db<OrderGrantRow>('order_grants').where('expires_at', '<=', now.getTime()).del();
  }
}
