import type { Knex } from 'knex';
import { applyTableOptions } from './table-options.js';

/**
 * Order grants (what a scene login gives a token: seeing and paying one order) and bridge tickets
 * (what opens the bridge page for 10 minutes). Both are keyed by hashes of secrets that are never
 * stored, and both are purged by expiry.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('order_grants', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.specificType('token_hash', 'char(64)').notNullable();
    t.string('order_no', 32).notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable().index('order_grants_expires_at_index');
    t.primary(['token_hash', 'order_no']);
  });
  await knex.schema.createTable('bridge_tickets', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.specificType('ticket_hash', 'char(64)').notNullable();
    t.integer('user_id').unsigned().notNullable();
    t.string('order_no', 32).notNullable();
    t.integer('oper_id').unsigned().notNullable().comment('the order’s oper: the target of the bridge');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable().index('bridge_tickets_expires_at_index');
    t.primary(['ticket_hash']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('bridge_tickets');
  await knex.schema.dropTable('order_grants');
}
