import type { Knex } from 'knex';
import { applyTableOptions, reference, timestamps } from './table-options.js';

/**
 * The purchase notices: an outbox row per paid order, written in the payment's transaction and
 * sent by the notice job. `claim_token` names the attempt under way; the job finds due notices by
 * (status, next_attempt_at).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('purchase_notices', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.increments('id');
    reference(t, 'order_id', 'orders').notNullable().unique();
    t.string('order_no', 32).notNullable();
    t.string('mobile', 20).notNullable();
    t.tinyint('status').notNullable().defaultTo(1).comment('1 pending, 2 sent, 3 failed');
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('sent_parts').notNullable().defaultTo(0);
    t.bigInteger('next_attempt_at').notNullable();
    t.string('claim_token', 64).nullable();
    t.string('last_error', 100).nullable();
    t.bigInteger('sent_at').nullable();
    timestamps(t);
    t.index(['status', 'next_attempt_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('purchase_notices');
}
