import type { Knex } from 'knex';
import { applyTableOptions, reference, timestamps } from './table-options.js';

/** Users, their WeChat identities, login sessions, SMS codes and named locks. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.increments('id');
    t.string('name', 64).notNullable();
    t.string('mobile', 20).notNullable().unique();
    timestamps(t);
  });
  await knex.schema.createTable('wechat_identities', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.increments('id');
    t.string('appid', 32).notNullable();
    t.string('open_id', 64).notNullable();
    reference(t, 'user_id', 'users').nullable();
    timestamps(t);
    t.unique(['appid', 'open_id']);
    t.unique(['appid', 'user_id']);
  });
  await knex.schema.createTable('sessions', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.specificType('token_hash', 'char(64)').notNullable();
    t.integer('oper_id').unsigned().notNullable();
    t.string('appid', 32).notNullable();
    t.string('open_id', 64).notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable().index();
    t.primary(['token_hash']);
  });
  await knex.schema.createTable('sms_codes', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.increments('id');
    t.string('mobile', 20).notNullable();
    t.string('code', 8).notNullable();
    t.string('ip', 64).notNullable();
    t.bigInteger('sent_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.integer('failed_attempts').notNullable().defaultTo(0);
    t.bigInteger('consumed_at').nullable();
    t.index(['mobile', 'sent_at']);
    t.index(['ip', 'sent_at']);
  });
  await knex.schema.createTable('locks', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.string('name', 191).notNullable();
    t.primary(['name']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['locks', 'sms_codes', 'sessions', 'wechat_identities', 'users']) {
    await knex.schema.dropTable(table);
  }
}
