import type { Knex } from 'knex';
import { applyTableOptions, reference, timestamps } from './table-options.js';

/** Orders, their verification codes (items) and refunds. Money is integer fen. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('orders', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.increments('id');
    t.integer('oper_id').unsigned().notNullable().index();
    t.string('order_no', 32).notNullable().unique();
    reference(t, 'user_id', 'users').notNullable();
    t.string('notify_mobile', 20).nullable();
    t.integer('merchant_id').unsigned().notNullable();
    t.string('merchant_name', 100).notNullable();
    t.integer('goods_id').unsigned().notNullable();
    t.string('goods_name', 100).notNullable();
    t.string('goods_pic', 512).notNullable().defaultTo('');
    t.string('goods_thumb_url', 512).notNullable().defaultTo('');
    t.integer('price').notNullable();
    t.integer('buy_number').notNullable();
    t.integer('pay_price').notNullable();
    t.bigInteger('pay_time').nullable();
    t.string('transaction_id', 64).nullable();
    t.integer('refund_price').nullable();
    t.bigInteger('refund_time').nullable();
    t.tinyint('status').notNullable().comment('1 unpaid, 2 cancelled, 3 closed, 4 paid, 6 refunded, 7 completed');
    timestamps(t);
    t.index(['user_id', 'created_at']);
    t.index(['status', 'created_at']);
  });
  await knex.schema.createTable('order_items', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.increments('id');
    reference(t, 'order_id', 'orders').notNullable().index();
    t.specificType('verify_code', 'char(12)').notNullable().unique();
    t.tinyint('status').notNullable().defaultTo(1).comment('1 unused, 2 used, 3 refunded');
    t.bigInteger('used_at').nullable();
    timestamps(t);
  });
  await knex.schema.createTable('refunds', (t) => {
    applyTableOptions(knex, t, 'exact');
    t.increments('id');
    reference(t, 'order_id', 'orders').notNullable().unique();
    t.string('order_no', 32).notNullable();
    t.integer('oper_id').unsigned().notNullable();
    t.string('out_refund_no', 64).notNullable().unique();
    t.integer('amount').notNullable();
    t.string('refund_id', 64).nullable();
    t.tinyint('status').notNullable().defaultTo(1).comment('1 processing, 2 succeeded, 3 failed');
    timestamps(t);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['refunds', 'order_items', 'orders']) {
    await knex.schema.dropTable(table);
  }
}
