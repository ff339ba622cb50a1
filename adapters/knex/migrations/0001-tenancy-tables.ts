import type { Knex } from 'knex';
import { applyTableOptions, timestamps } from './table-options.js';

/** Operation centres with their mini-program credentials and WeChat Pay merchant configuration. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('opers', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.increments('id');
    t.string('name', 64).notNullable();
    t.tinyint('status').notNullable().defaultTo(1).comment('1 enabled, 2 disabled');
    t.string('appid', 32).notNullable().unique();
    t.text('app_secret_sealed').notNullable();
    t.string('pay_mchid', 32).nullable();
    t.string('pay_merchant_serial', 64).nullable();
    t.text('pay_private_key_sealed').nullable();
    t.text('pay_api_v3_key_sealed').nullable();
    t.text('pay_platform_public_key').nullable();
    t.string('pay_platform_serial', 128).nullable();
    timestamps(t);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('opers');
}
