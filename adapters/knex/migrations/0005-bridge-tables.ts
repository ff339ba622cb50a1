import type { Knex } from 'knex';
import { applyTableOptions } from './table-options.js';

/** Scenes: one-time logins minted by the H5 bridge for paying in another oper's mini program. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('scenes', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.increments('id');
    t.string('scene_id', 32).notNullable().unique();
    t.integer('oper_id').unsigned().notNullable().comment('the target oper');
    t.integer('user_id').unsigned().notNullable();
    t.string('order_no', 32).notNullable();
    t.string('page', 128).notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('used_at').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('scenes');
}
