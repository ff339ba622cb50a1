import { expect } from 'chai';
import type { Knex } from 'knex';
import { latitudeBandOf, migrateDownAll, migrateLatest } from '../../adapters/knex/index.js';

/** Every table of the data model with its columns, as the migrations must create them. */
const expectedColumns: Readonly<Record<string, readonly string[]>> = {
  users: ['id', 'name', 'mobile', 'created_at', 'updated_at'],
  wechat_identities: ['id', 'appid', 'open_id', 'user_id', 'created_at', 'updated_at'],
  sessions: ['token_hash', 'oper_id', 'appid', 'open_id', 'created_at', 'expires_at'],
  sms_codes: ['id', 'mobile', 'code_hash', 'ip', 'requester', 'sent_at', 'expires_at', 'failed_attempts', 'consumed_at'],
  locks: ['name'],
  opers: [
    'id', 'name', 'status', 'appid', 'app_secret_sealed', 'pay_mchid', 'pay_merchant_serial', 'pay_private_key_sealed',
    'pay_api_v3_key_sealed', 'pay_platform_public_key', 'pay_platform_serial', 'created_at', 'updated_at',
  ],
  areas: ['id', 'area_id', 'name', 'parent_id', 'tier', 'initial'],
  merchant_categories: ['id', 'pid', 'name', 'icon', 'status', 'sort'],
  merchants: [
    'id', 'oper_id', 'merchant_category_id', 'name', 'brand', 'region', 'address', 'province', 'province_id', 'city',
    'city_id', 'area', 'area_id', 'lng', 'lat', 'business_start', 'business_end', 'logo', 'desc_pic', 'desc',
    'contacter', 'contacter_phone', 'status', 'created_at', 'updated_at',
  ],
  goods: [
    'id', 'oper_id', 'merchant_id', 'name', 'desc', 'market_price', 'price', 'start_date', 'end_date', 'business_start',
    'business_end', 'thumb_url', 'pic', 'pic_list', 'buy_info', 'status', 'stock', 'sell_number', 'created_at', 'updated_at',
  ],
  orders: [
    'id', 'oper_id', 'order_no', 'user_id', 'notify_mobile', 'merchant_id', 'merchant_name', 'goods_id', 'goods_name',
    'goods_pic', 'goods_thumb_url', 'price', 'buy_number', 'pay_price', 'pay_time', 'transaction_id', 'refund_price',
    'refund_time', 'status', 'created_at', 'updated_at', 'prepaid_at', 'check_count', 'next_check_at', 'checked_at',
  ],
  order_items: ['id', 'order_id', 'verify_code', 'status', 'used_at', 'created_at', 'updated_at'],
  refunds: [
    'id', 'order_id', 'order_no', 'oper_id', 'out_refund_no', 'amount', 'refund_id', 'status', 'created_at', 'updated_at',
    'attempt', 'check_count', 'next_check_at', 'checked_at',
  ],
  cache_versions: ['name', 'version'],
  scenes: ['id', 'scene_id', 'oper_id', 'user_id', 'order_no', 'page', 'created_at', 'expires_at', 'used_at'],
  order_grants: ['token_hash', 'order_no', 'created_at', 'expires_at'],
  bridge_tickets: ['ticket_hash', 'user_id', 'order_no', 'oper_id', 'created_at', 'expires_at'],
  purchase_notices: [
    'id', 'order_id', 'order_no', 'mobile', 'status', 'attempts', 'sent_parts', 'next_attempt_at', 'claim_token', 'last_error',
    'sent_at', 'created_at', 'updated_at',
  ],
};

/** Columns the database computes; MySQL lists them, SQLite's `table_info` does not. */
const generatedColumns = ['lat_band'];

/**
 * The migrations on an empty database: `makeEmptyKnex` gives one with no tables (and `dispose`
 * drops what the test made, where the database outlives the test).
 */
export function describeMigrationContract(
  adapterName: string,
  makeEmptyKnex: () => Promise<Knex>,
  dispose: (knex: Knex) => Promise<void>,
): void {
  describe(`migrations [${adapterName}]`, () => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await makeEmptyKnex();
    });
    afterEach(() => dispose(knex));

    it('create every table of the data model with its columns', async () => {
      await migrateLatest(knex);
      for (const [table, columns] of Object.entries(expectedColumns)) {
        expect(await knex.schema.hasTable(table), table).to.equal(true);
        const listed = Object.keys(await knex(table).columnInfo()).filter((column) => !generatedColumns.includes(column));
        expect(listed, table).to.have.members([...columns]);
      }
      // Keyword search moved to an index in memory (0016).
      expect(await knex.schema.hasTable('merchant_keywords')).to.equal(false);
    });

    it('are harmless to run twice', async () => {
      const applied = async () => (await knex('knex_migrations').select('name')).map((row: { name: string }) => row.name);
      await migrateLatest(knex);
      const first = await applied();
      await knex('users').insert({ name: 'kept', mobile: '13800000000', created_at: 1, updated_at: 1 });
      await migrateLatest(knex);
      expect(await knex('users').select('name')).to.deep.equal([{ name: 'kept' }]);
      expect(first).to.include('0001-tenancy-tables');
      expect(await applied()).to.deep.equal(first);
    });

    it('roll back to an empty schema, and apply again', async () => {
      await migrateLatest(knex);
      await migrateDownAll(knex);
      for (const table of Object.keys(expectedColumns)) expect(await knex.schema.hasTable(table), table).to.equal(false);
      await migrateLatest(knex);
      expect(Object.keys(await knex('areas').columnInfo())).to.include('initial');
    });

    it('compute the latitude band as floor(lat * 100) + 9000 on every database', async () => {
      await migrateLatest(knex);
      const [operId] = await knex('opers').insert({ name: 'o', status: 1, appid: 'wx1', app_secret_sealed: 's', created_at: 1, updated_at: 1 });
      const [categoryId] = await knex('merchant_categories').insert({ pid: 0, name: 'c', icon: '', status: 1, sort: 0 });
      const latitudes = [39.9042, 0.005, -0.005, -33.86, 29.99, 30, -90, 90];
      for (const [i, lat] of latitudes.entries()) {
        await knex('merchants').insert({
          id: i + 1, oper_id: operId, merchant_category_id: categoryId, name: 'm', province: 'p', province_id: 1, city: 'c',
          city_id: 1, area: 'a', area_id: 1, lng: 116, lat, business_start: '09:00:00', business_end: '18:00:00', created_at: 1, updated_at: 1,
        });
      }
      const rows: Array<{ lat_band: number }> = await knex('merchants as m').orderBy('m.id').select(knex.raw(`${latitudeBandOf(knex, 'm')} AS lat_band`));
      expect(rows.map((row) => Number(row.lat_band))).to.deep.equal(latitudes.map((lat) => Math.floor(lat * 100) + 9000));
    });

    it('enforce the unique keys and foreign keys', async () => {
      await migrateLatest(knex);
      await knex('users').insert({ name: 'a', mobile: '13800000000', created_at: 1, updated_at: 1 });
      const duplicate = await knex('users')
        .insert({ name: 'b', mobile: '13800000000', created_at: 1, updated_at: 1 })
        .then(() => null, (error: unknown) => error);
      expect(duplicate).to.be.instanceOf(Error);
      const orphan = await knex('wechat_identities')
        .insert({ appid: 'wx1', open_id: 'o1', user_id: 999, created_at: 1, updated_at: 1 })
        .then(() => null, (error: unknown) => error);
      expect(orphan).to.be.instanceOf(Error);
    });
  });
}
