import type { Knex } from 'knex';

/**
 * Money that fails safe:
 * - refunds become one row per attempt (`attempt` 1, 2, … unique per order): a failed attempt is
 *   kept and a new one gets its own `out_refund_no`;
 * - orders record when a prepay was first asked (`prepaid_at`: only then can WeChat Pay hold
 *   money for them), and orders and refunds carry their check schedule for the reconciliation and
 *   the sweep (`check_count`, `next_check_at`, claimed by conditional writes; `checked_at`, the last
 *   check, for the 5-second limit of reads).
 * Existing unpaid orders count as prepaid (they may have been), and are due at once.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('orders', (t) => {
    t.bigInteger('prepaid_at').nullable();
    t.integer('check_count').notNullable().defaultTo(0);
    t.bigInteger('next_check_at').notNullable().defaultTo(0);
    t.bigInteger('checked_at').nullable();
  });
  await knex('orders').update({ next_check_at: knex.ref('created_at') });
  await knex('orders').where({ status: 1 }).update({ prepaid_at: knex.ref('created_at') });
  await knex.schema.alterTable('orders', (t) => {
    t.index(['status', 'next_check_at'], 'orders_status_next_check_index');
  });

  await knex.schema.alterTable('refunds', (t) => {
    t.integer('attempt').notNullable().defaultTo(1);
    t.integer('check_count').notNullable().defaultTo(0);
    t.bigInteger('next_check_at').notNullable().defaultTo(0);
    t.bigInteger('checked_at').nullable();
  });
  await knex.schema.alterTable('refunds', (t) => {
    t.unique(['order_id', 'attempt'], { indexName: 'refunds_order_attempt_unique' });
    t.index(['status', 'next_check_at'], 'refunds_status_next_check_index');
  });
  // The new key starts with order_id, so MySQL's foreign key keeps an index when the old one goes.
  await knex.schema.alterTable('refunds', (t) => {
    t.dropUnique(['order_id'], 'refunds_order_id_unique');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex('refunds').where('attempt', '>', 1).delete();
  await knex.schema.alterTable('refunds', (t) => {
    t.unique(['order_id'], { indexName: 'refunds_order_id_unique' });
  });
  await knex.schema.alterTable('refunds', (t) => {
    t.dropIndex(['status', 'next_check_at'], 'refunds_status_next_check_index');
    t.dropUnique(['order_id', 'attempt'], 'refunds_order_attempt_unique');
  });
  await knex.schema.alterTable('refunds', (t) => {
    t.dropColumns('attempt', 'check_count', 'next_check_at', 'checked_at');
  });
  await knex.schema.alterTable('orders', (t) => {
    t.dropIndex(['status', 'next_check_at'], 'orders_status_next_check_index');
  });
  await knex.schema.alterTable('orders', (t) => {
    t.dropColumns('prepaid_at', 'check_count', 'next_check_at', 'checked_at');
  });
}
