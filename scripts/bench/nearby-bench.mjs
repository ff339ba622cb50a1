// Nearby search benchmark: a 5 km search (page + total) through KnexMerchantRepository against a
// full-scan haversine in SQL, on one SQLite file filled with merchants clustered in cities.
//
//   npx tsc -p . && node scripts/bench/nearby-bench.mjs [--merchants 200000] [--rounds 7] [--keep]
//
// Runs against dist/ (build first). Prints medians per query shape and the ratio; asserts that
// both ways find the same page and total, so a fast wrong answer cannot pass for a result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createKnex, insertCategory, insertOper, KnexMerchantRepository, migrateLatest } from '../../dist/adapters/knex/index.js';
import { gaussian, random } from './dataset.mjs';

const { values } = parseArgs({
  options: {
    merchants: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
  },
});
const MERCHANTS = Number(values.merchants);
const ROUNDS = Number(values.rounds);
const RADIUS = 5000;
const PAGE_SIZE = 15;

/** City centres (GCJ-02) and their share of merchants. */
const CITIES = [
  ['北京', 110100, 116.4074, 39.9042, 12], ['上海', 310100, 121.4737, 31.2304, 12], ['广州', 440100, 113.2644, 23.1291, 8],
  ['深圳', 440300, 114.0579, 22.5431, 8], ['成都', 510100, 104.0665, 30.5723, 7], ['杭州', 330100, 120.1551, 30.2741, 6],
  ['重庆', 500100, 106.5516, 29.563, 6], ['武汉', 420100, 114.3054, 30.5931, 5], ['西安', 610100, 108.9398, 34.3416, 5],
  ['南京', 320100, 118.7969, 32.0603, 5], ['苏州', 320500, 120.5853, 31.2989, 4], ['天津', 120100, 117.2009, 39.0842, 4],
  ['长沙', 430100, 112.9388, 28.2282, 3], ['郑州', 410100, 113.6254, 34.7466, 3], ['厦门', 350200, 118.0894, 24.4798, 3],
  ['昆明', 530100, 102.8329, 24.8801, 3], ['哈尔滨', 230100, 126.535, 45.8038, 2], ['拉萨', 540100, 91.1409, 29.6456, 1],
];

async function fill(knex) {
  const operId = (await insertOper(knex, { name: 'bench', status: 1, miniProgram: { appid: 'wxbench', sealedSecret: 's' }, pay: null })).id;
  const categoryIds = [];
  for (let i = 0; i < 10; i++) categoryIds.push(await insertCategory(knex, { pid: 0, name: `分类${i}`, icon: '', status: 1, sort: i }));
  const next = random(20250301);
  const weights = CITIES.reduce((sum, city) => sum + city[4], 0);
  const pickCity = () => {
    let ticket = next() * weights;
    for (const city of CITIES) if ((ticket -= city[4]) < 0) return city;
    return CITIES[0];
  };
  const T0 = Date.UTC(2024, 0, 1);
  const CHUNK = 500;
  await knex.transaction(async (trx) => {
    for (let start = 0; start < MERCHANTS; start += CHUNK) {
      const merchants = [];
      const goods = [];
      for (let i = start; i < Math.min(MERCHANTS, start + CHUNK); i++) {
        const [name, cityId, lng, lat] = pickCity();
        const spreadKm = 6 + next() * 6;
        const createdAt = T0 + Math.floor(next() * 365 * 86_400_000);
        merchants.push({
          id: i + 1, oper_id: operId, merchant_category_id: categoryIds[i % categoryIds.length], name: `${name}商户${i}`,
          brand: '', region: 1, address: '', province: name, province_id: Math.floor(cityId / 10000) * 10000, city: name,
          city_id: cityId, area: name, area_id: cityId + 1, lng: lng + (gaussian(next) * spreadKm) / (111.32 * Math.cos((lat * Math.PI) / 180)),
          lat: lat + (gaussian(next) * spreadKm) / 110.57, business_start: '10:00:00', business_end: '22:00:00', logo: '', desc_pic: '',
          desc: '', contacter: '', contacter_phone: '', status: next() < 0.95 ? 1 : 2, created_at: createdAt, updated_at: createdAt,
        });
        if (next() < 0.6) {
          goods.push({
            oper_id: operId, merchant_id: i + 1, name: '套餐', desc: '', market_price: 10000, price: 1000 + Math.floor(next() * 9000),
            start_date: '2024-01-01', end_date: '2030-12-31', business_start: '10:00:00', business_end: '22:00:00', thumb_url: '',
            pic: '', pic_list: '[]', buy_info: '', status: next() < 0.9 ? 1 : 2, stock: null, sell_number: 0, created_at: createdAt, updated_at: createdAt,
          });
        }
      }
      await trx('merchants').insert(merchants);
      if (goods.length > 0) await trx('goods').insert(goods);
    }
  });
}

/** The baseline: every enabled merchant's exact distance computed in SQL, no index, page + total in one query. */
function fullScan(knex, origin) {
  const distance = `round(2 * 6371008.8 * asin(min(1, sqrt(
    power(sin(radians(m.lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(m.lat)) * power(sin(radians(m.lng - ?) / 2), 2)))))`;
  return knex.raw(
    `SELECT * FROM (
       SELECT m.*, c.name AS category_name, ${distance} AS distance, count(*) OVER () AS total
       FROM merchants m LEFT JOIN merchant_categories c ON c.id = m.merchant_category_id
       WHERE m.status = 1 AND ${distance} <= ?
     ) ORDER BY distance, id LIMIT ?`,
    [origin.lat, origin.lat, origin.lng, origin.lat, origin.lat, origin.lng, RADIUS, PAGE_SIZE],
  );
}

async function median(work) {
  await work();
  const times = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const folder = mkdtempSync(join(tmpdir(), 'o2o-nearby-bench-'));
const file = join(folder, 'bench.sqlite');
const knex = createKnex(`sqlite:${file}`);
try {
  await migrateLatest(knex);
  let start = performance.now();
  await fill(knex);
  console.log(`filled ${MERCHANTS} merchants in ${((performance.now() - start) / 1000).toFixed(1)} s (${file})`);

  const repository = new KnexMerchantRepository(knex);
  const probes = [
    ['dense: 北京 centre', { lng: 116.4074, lat: 39.9042 }],
    ['mid: 厦门 +8 km', { lng: 118.17, lat: 24.48 }],
    ['sparse: 拉萨 +25 km', { lng: 91.39, lat: 29.65 }],
  ];
  const plan = await knex.raw(
    'EXPLAIN QUERY PLAN ' + knex('merchants as m').where('m.status', 1).whereBetween('m.lat', [39.8, 40]).whereBetween('m.lng', [116.3, 116.5]).select('m.id', 'm.lat', 'm.lng').toString(),
  );
  console.log(`candidate query plan: ${plan.map((row) => row.detail).join('; ')}`);
  console.log(`5 km nearby, page 1 of ${PAGE_SIZE} + total, median of ${ROUNDS}:`);
  for (const [label, origin] of probes) {
    const search = { origin, radius: RADIUS, page: 1, pageSize: PAGE_SIZE };
    const ours = await repository.search(search);
    const theirs = await fullScan(knex, origin);
    const theirTotal = theirs[0]?.total ?? 0;
    const same =
      ours.total === theirTotal && JSON.stringify(ours.listings.map((l) => l.merchant.id)) === JSON.stringify(theirs.map((r) => r.id));
    if (!same) throw new Error(`${label}: the two ways disagree (${ours.total} vs ${theirTotal})`);
    const indexed = await median(() => repository.search(search));
    const scan = await median(() => fullScan(knex, origin));
    console.log(
      `  ${label.padEnd(20)} total ${String(ours.total).padStart(6)}  bounding box ${indexed.toFixed(2).padStart(8)} ms` +
        `  full scan ${scan.toFixed(2).padStart(8)} ms  ratio ${(scan / indexed).toFixed(1)}x`,
    );
  }
  console.log('other searches through the repository, for reference (no baseline), median:');
  const shapes = [
    ['newest first, no filter', {}],
    ['city 北京', { cityId: 110100 }],
    ['one category', { categoryIds: [3] }], // ids 1..10 in a fresh database
    ['keyword only', { keyword: '北京商户1234' }],
    ['keyword + city', { keyword: '商户1234', cityId: 110100 }],
    ['5 km + keyword', { keyword: '商户12', origin: probes[0][1], radius: RADIUS }],
  ];
  for (const [label, filters] of shapes) {
    const search = { page: 1, pageSize: PAGE_SIZE, ...filters };
    const { total } = await repository.search(search);
    const took = await median(() => repository.search(search));
    console.log(`  ${label.padEnd(24)} total ${String(total).padStart(6)}  ${took.toFixed(2).padStart(8)} ms`);
  }
} finally {
  await knex.destroy();
  if (values.keep) console.log(`kept ${file}`);
  else rmSync(folder, { recursive: true, force: true });
}
