import { expect } from 'chai';
import { generateApiV3Key, generateMerchantKeys } from '../../adapters/wechat-pay/merchant-keys.js';
import { TOKENS } from '../../adapters/tokens.js';
import { APP1 } from '../support/http-client.js';
import { testDatabases } from '../support/test-databases.js';
import type { TestServer } from '../support/test-server.js';
import { type CliHarness, startServerWithCli } from './cli-harness.js';

const APP_SECRET = 'imported-app-secret-0000000000003';

for (const base of testDatabases()) {
  describe(`npm run cli -- import [${base.name}]`, () => {
    let server: TestServer;
    let cli: CliHarness;
    let token: string;

    before(async () => {
      ({ server, cli } = await startServerWithCli(base, { ORDER_SWEEP_SECONDS: '0' }));
      token = (await server.api.wxLogin(APP1, 'cli-import')).token;
    });
    after(async () => {
      await server?.close();
      cli?.dispose();
    });

    const count = async (table: string) => Number(((await server.db(table).count({ n: '*' })) as Array<{ n: number }>)[0]!.n);

    it('imports opers from JSON, sealing their secrets and never printing them', async () => {
      const keys = generateMerchantKeys();
      const apiV3Key = generateApiV3Key();
      const file = cli.file('opers.json', [
        {
          id: 3, name: '上海运营中心', appid: 'wx0000000000000003', app_secret: APP_SECRET,
          pay_mchid: '1900000003', pay_merchant_serial: keys.serial, pay_private_key: keys.privateKeyPem, pay_api_v3_key: apiV3Key,
        },
      ]);
      const run = await cli.run('import', 'opers', file);
      expect(run, run.err).to.include({ code: 0 });
      expect(run.out).to.match(/imported 1 opers .*: 1 created, 0 updated/);
      const row = await server.db('opers').where({ id: 3 }).first();
      const secrets = server.container.get(TOKENS.SecretBox);
      expect(row.app_secret_sealed).to.match(/^v1\./);
      expect(secrets.open(row.app_secret_sealed)).to.equal(APP_SECRET);
      expect(secrets.open(row.pay_private_key_sealed)).to.equal(keys.privateKeyPem.trim());
      expect(secrets.open(row.pay_api_v3_key_sealed)).to.equal(apiV3Key);
      expect(run.out + run.err).not.to.include(APP_SECRET).and.not.to.include(apiV3Key);
    });

    it('updates an oper named by id, keeping the secrets and keys its row leaves empty', async () => {
      const before = await server.db('opers').where({ id: 3 }).first();
      const run = await cli.run('import', 'opers', cli.file('opers.csv', 'id,name,appid,status\n3,上海运营中心（新）,wx0000000000000003,2\n'));
      expect(run, run.err).to.include({ code: 0 });
      expect(run.out).to.match(/0 created, 1 updated/);
      const after = await server.db('opers').where({ id: 3 }).first();
      expect(after).to.include({ name: '上海运营中心（新）', status: 2, app_secret_sealed: before.app_secret_sealed, pay_private_key_sealed: before.pay_private_key_sealed });
    });

    it('refuses a bad opers file whole, naming rows and fields but never a secret', async () => {
      const before = await count('opers');
      const shortSecret = 'tiny-secret';
      const file = cli.file('bad-opers.json', [
        { name: '甲', appid: 'wx0000000000000004', app_secret: 'a-good-secret-of-enough-length-04' },
        { name: '乙', appid: 'not-an-appid', app_secret: shortSecret },
        { name: '丙', appid: 'wx0000000000000001', app_secret: 'a-good-secret-of-enough-length-05', pay_mchid: '1900000005' },
      ]);
      const run = await cli.run('import', 'opers', file);
      expect(run.code).to.equal(1);
      expect(run.err).to.include('row 2, field appid: must be wx followed by 16 letters or digits');
      expect(run.err).to.include('row 2, field app_secret: must be 16 to 128 visible ASCII characters');
      expect(run.err).to.include('row 3, field appid: wx0000000000000001 is already the mini program of oper 1');
      expect(run.err).to.include('row 3, field pay_merchant_serial: is required with the other pay_* fields');
      expect(run.err).to.match(/error: nothing written: 4 problems/);
      expect(run.err).not.to.include(shortSecret);
      expect(await count('opers')).to.equal(before);
    });

    it('imports categories from CSV, children naming parents of the same file', async () => {
      const file = cli.file('categories.csv', 'id,pid,name,sort\n900,0,宠物,9\n901,900,宠物美容,1\n');
      const run = await cli.run('import', 'categories', file);
      expect(run, run.err).to.include({ code: 0 });
      expect(await server.db('merchant_categories').where({ pid: 900 }).pluck('name')).to.deep.equal(['宠物美容']);
      const bad = await cli.run('import', 'categories', cli.file('bad-categories.csv', 'pid,name,colour\n777,无父,red\n'));
      expect(bad.code).to.equal(1);
      expect(bad.err).to.include('column "colour": not a column of categories');
      expect(bad.err).to.include('row 1 (line 2), field pid: no category 777');
    });

    it('fills merchants\' areas from their coordinates, and refuses areas the coordinates contradict', async () => {
      const header = 'id,oper_id,merchant_category_id,name,lng,lat,city_id,area,business_start,business_end\n';
      const bad = cli.file(
        'bad-merchants.csv',
        `${header}5001,3,901,宠物店一号,116.3975,39.9087,,,10:00:00,20:00:00\n5002,3,901,海上宠物店,122.5,30.0,,,10:00:00,20:00:00\n5003,3,901,错城宠物店,104.0817,30.6571,110100,,10:00:00,20:00:00\n5004,9,901,"宠物店,""引号""",116.40,39.91,,东城区,25:00:00,20:00:00\n`,
      );
      const refused = await cli.run('import', 'merchants', bad);
      expect(refused.code).to.equal(1);
      expect(refused.err).to.include('row 2 (line 3), field lng: the point (122.5, 30) is in no area of mainland China');
      expect(refused.err).to.include('row 3 (line 4), field city_id: is 110100, but the coordinates are in 510100 成都市');
      expect(refused.err).to.include('row 4 (line 5), field business_start: must be a time HH:mm:ss, not "25:00:00"');
      expect(refused.err).to.include('row 4 (line 5), field oper_id: no oper 9');
      expect(await server.db('merchants').where({ id: 5001 }).first()).to.equal(undefined);

      const good = cli.file('merchants.csv', `${header}5001,3,901,宠物店一号,116.3975,39.9087,,,10:00:00,20:00:00\n5003,3,901,成都宠物店,104.0817,30.6571,510100,锦江区,10:00:00,20:00:00\n5005,3,901,天坛宠物店,116.4442,39.873,,,10:00:00,20:00:00\n`);
      const dry = await cli.run('import', 'merchants', good, '--dry-run');
      expect(dry.out).to.match(/checked 3 merchants .*: 3 to create, 0 to update; dry run, nothing written/);
      expect(await server.db('merchants').where({ id: 5001 }).first()).to.equal(undefined);
      const run = await cli.run('import', 'merchants', good);
      expect(run, run.err).to.include({ code: 0 });
      const row = await server.db('merchants').where({ id: 5001 }).first();
      expect(row).to.include({ province: '北京市', province_id: 110000, city: '北京市', city_id: 110100, area: '东城区', area_id: 110101 });
      // A point in a sliver the simplified county boundaries leave between three districts.
      expect(await server.db('merchants').where({ id: 5005 }).first()).to.include({ city_id: 110100 });
    });

    it('imports goods the running server sells at once, prices in yuan, and updates keep the count sold', async () => {
      const goods = [
        { id: 7001, merchant_id: 5001, name: '宠物洗澡', market_price: '80', price: '59.90', start_date: '2020-01-01', end_date: '2099-12-31', pic_list: ['https://img.example/1.png'] },
        { merchant_id: 5001, name: '宠物剪指甲', market_price: 30, price: 19, start_date: '2020-01-01', end_date: '2099-12-31', stock: 10 },
      ];
      const run = await cli.run('import', 'goods', cli.file('goods.json', goods));
      expect(run, run.err).to.include({ code: 0 });
      const listed = await server.api.get('/api/user/goods', { merchant_id: '5001', token });
      expect(listed.body.data?.['list'].map((g: { name: string; price: string }) => [g.name, g.price])).to.have.deep.members([
        ['宠物洗澡', '59.90'],
        ['宠物剪指甲', '19.00'],
      ]);
      await server.db('goods').where({ id: 7001 }).update({ sell_number: 4 });
      const update = await cli.run('import', 'goods', cli.file('goods-update.json', [{ ...goods[0], price: '49.90', business_start: '08:00:00' }]));
      expect(update.out).to.match(/1 created|0 created, 1 updated/);
      expect(await server.db('goods').where({ id: 7001 }).first()).to.include({ price: 4990, sell_number: 4, business_start: '08:00:00', business_end: '20:00:00' });

      const bad = await cli.run('import', 'goods', cli.file('bad-goods.json', [{ merchant_id: 5001, name: '坏', market_price: '1e3', price: '12.345', start_date: '2026-02-30', end_date: '2025-01-01' }]));
      expect(bad.code).to.equal(1);
      expect(bad.err).to.include('row 1, field price: must be an amount in yuan from 0 to 1000000 with at most two decimals, not "12.345"');
      expect(bad.err).to.include('row 1, field market_price: must be an amount in yuan');
      expect(bad.err).to.include('row 1, field start_date: must be a date YYYY-MM-DD, not "2026-02-30"');
    });

    it('imports many merchants in one transaction, with a progress bar when asked', async () => {
      const lines = ['oper_id,merchant_category_id,name,lng,lat,business_start,business_end'];
      for (let i = 0; i < 2000; i += 1) lines.push(`3,901,连锁宠物店${i},${(116.3 + (i % 100) * 0.002).toFixed(4)},${(39.85 + Math.floor(i / 100) * 0.005).toFixed(4)},09:00:00,21:00:00`);
      const before = await count('merchants');
      const run = await cli.spawn('import', 'merchants', cli.file('many.csv', `${lines.join('\n')}\n`), '--progress');
      expect(run, run.err).to.include({ code: 0 });
      expect(run.err).to.match(/merchants \[[^\]]*\] 100% \| 2000\/2000/);
      expect(await count('merchants')).to.equal(before + 2000);
      expect(await server.db('merchants').where('name', 'like', '连锁宠物店%').where({ city_id: 110100 }).count({ n: '*' })).to.deep.equal([{ n: 2000 }]);
    });

    it('says what is wrong with an unreadable file', async () => {
      const json = await cli.run('import', 'goods', cli.file('broken.json', '[{"name":'));
      expect(json.code).to.equal(1);
      expect(json.err).to.match(/broken\.json: not valid JSON/);
      const kind = await cli.run('import', 'shops', cli.file('x.csv', 'name\n'));
      expect(kind.code).to.equal(1);
      expect(kind.err).to.include("'shops' is invalid for argument 'kind'. Allowed choices are opers, categories, merchants, goods.");
      const txt = await cli.run('import', 'goods', cli.file('goods.txt', 'name\n'));
      expect(txt.err).to.include('the file must end in .csv or .json');
    });
  });
}
