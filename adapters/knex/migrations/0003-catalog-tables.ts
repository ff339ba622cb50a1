import type { Knex } from 'knex';
import { applyTableOptions, reference, timestamps } from './table-options.js';

/** Administrative areas, merchant categories, merchants and their goods. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('areas', (t) => {
    applyTableOptions(knex, t, 'natural');
    t.increments('id');
    t.integer('area_id').notNullable().unique().comment('6-digit GB/T 2260 code');
    t.string('name', 64).notNullable();
    t.integer('parent_id').notNullable().defaultTo(0).index().comment('area_id of the parent, 0 at the top');
    t.tinyint('tier').notNullable().comment('1 province, 2 city, 3 county');
  });
  await knex.schema.createTable('merchant_categories', (t) => {
    applyTableOptions(knex, t, 'natural');
    t.increments('id');
    t.integer('pid').unsigned().notNullable().defaultTo(0).index();
    t.string('name', 64).notNullable();
    t.string('icon', 512).notNullable().defaultTo('');
    t.tinyint('status').notNullable().defaultTo(1).comment('1 enabled, 2 disabled');
    t.integer('sort').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('merchants', (t) => {
    applyTableOptions(knex, t, 'natural');
    t.increments('id');
    reference(t, 'oper_id', 'opers').notNullable();
    reference(t, 'merchant_category_id', 'merchant_categories').notNullable();
    t.string('name', 100).notNullable();
    t.string('brand', 100).notNullable().defaultTo('');
    t.tinyint('region').notNullable().defaultTo(1).comment('1 China, 2 USA, 3 Korea, 4 Hong Kong');
    t.string('address', 255).notNullable().defaultTo('');
    t.string('province', 64).notNullable();
    t.integer('province_id').notNullable();
    t.string('city', 64).notNullable();
    t.integer('city_id').notNullable();
    t.string('area', 64).notNullable();
    t.integer('area_id').notNullable();
    t.double('lng').notNullable();
    t.double('lat').notNullable();
    t.string('business_start', 8).notNullable().comment('HH:mm:ss');
    t.string('business_end', 8).notNullable().comment('HH:mm:ss');
    t.string('logo', 512).notNullable().defaultTo('');
    t.string('desc_pic', 512).notNullable().defaultTo('');
    t.text('desc').nullable();
    t.string('contacter', 64).notNullable().defaultTo('');
    t.string('contacter_phone', 32).notNullable().defaultTo('');
    t.tinyint('status').notNullable().defaultTo(1).comment('1 normal, 2 disabled');
    timestamps(t);
    t.index(['status', 'city_id']);
    t.index(['lat', 'lng']);
    t.index(['status', 'created_at']);
  });
  await knex.schema.createTable('goods', (t) => {
    applyTableOptions(knex, t, 'natural');
    t.increments('id');
    t.integer('oper_id').unsigned().notNullable();
    reference(t, 'merchant_id', 'merchants').notNullable();
    t.string('name', 100).notNullable();
    t.text('desc').nullable();
    t.integer('market_price').notNullable().comment('fen');
    t.integer('price').notNullable().comment('fen');
    t.string('start_date', 10).notNullable().comment('YYYY-MM-DD');
    t.string('end_date', 10).notNullable().comment('YYYY-MM-DD');
    t.string('business_start', 8).notNullable().comment('HH:mm:ss');
    t.string('business_end', 8).notNullable().comment('HH:mm:ss');
    t.string('thumb_url', 512).notNullable().defaultTo('');
    t.string('pic', 512).notNullable().defaultTo('');
    t.text('pic_list').nullable().comment('JSON array of URLs');
    t.text('buy_info').nullable();
    t.tinyint('status').notNullable().defaultTo(1).comment('1 on shelf, 2 off shelf');
    t.integer('stock').nullable().comment('null: unlimited');
    t.integer('sell_number').notNullable().defaultTo(0);
    timestamps(t);
    t.index(['merchant_id', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['goods', 'merchants', 'merchant_categories', 'areas']) {
    await knex.schema.dropTable(table);
  }
}
