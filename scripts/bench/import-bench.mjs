// Merchant import benchmark: `o2o-cli import merchants` of N merchants (every row checked, its
// areas found with the offline geocoder, written in one transaction) against a baseline that only
// inserts the same rows, already complete, in batches of 500 (no parsing, checks or geocoding).
//
//   npx tsc -p . && node scripts/bench/import-bench.mjs [--merchants 100000] [--mysql mysql://…]
//
// Runs against dist/ (build first), on a fresh SQLite file, and on the MySQL database given
// (its project tables are dropped). Prints seconds and the ratio to the baseline, and checks that
// both ways wrote the same number of merchants with the same areas.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createKnex, migrateLatest, replaceAreas } from '../../dist/adapters/knex/index.js';
import { loadAreaDataset } from '../../dist/adapters/reference/area-dataset.js';
import { dropProjectTables } from '../../dist/test/contract/knex-context.js';

const { values } = parseArgs({ options: { merchants: { type: 'string', default: '100000' }, mysql: { type: 'string' } } });
const N = Number(values.merchants);
const CITIES = [[116.4074, 39.9042], [121.4737, 31.2304], [113.2644, 23.1291], [104.0665, 30.5723], [120.1551, 30.2741], [108.9398, 34.3416]];

const folder = mkdtempSync(join(tmpdir(), 'o2o-import-bench-'));
const csv = join(folder, 'merchants.csv');
const lines = ['oper_id,merchant_category_id,name,brand,address,lng,lat,business_start,business_end,contacter_phone'];
for (let i = 0; i < N; i += 1) {
  const [lng, lat] = CITIES[i % CITIES.length];
  const dx = ((i * 7919) % 1000) / 10000 - 0.05;
  const dy = ((i * 104729) % 1000) / 10000 - 0.05;
  lines.push(`1,1,商户${i},品牌${i % 50},某路${i}号,${(lng + dx).toFixed(6)},${(lat + dy).toFixed(6)},09:00:00,21:00:00,1380013${String(i % 10000).padStart(4, '0')}`);
}
writeFileSync(csv, `${lines.join('\n')}\n`);

async function prepare(url) {
  const db = createKnex(url);
  await dropProjectTables(db);
  await migrateLatest(db);
  await replaceAreas(db, loadAreaDataset());
  const at = Date.now();
  await db('opers').insert({ id: 1, name: 'bench', status: 1, appid: 'wx0000000000000001', app_secret_sealed: 'x', created_at: at, updated_at: at });
  await db('merchant_categories').insert({ id: 1, pid: 0, name: '美食', icon: '', status: 1, sort: 0 });
  return db;
}

async function measure(url) {
  let db = await prepare(url);
  const sample = await (async () => {
    const started = performance.now();
    const rows = lines.slice(1).map((line, i) => {
      const [, , name, brand, address, lng, lat, start, end, phone] = line.split(',');
      return { oper_id: 1, merchant_category_id: 1, name, brand, region: 1, address, province: '北京市', province_id: 110000, city: '北京市', city_id: 110100, area: '东城区', area_id: 110101, lng: Number(lng), lat: Number(lat), business_start: start, business_end: end, logo: '', desc_pic: '', desc: '', contacter: '', contacter_phone: phone, status: 1, created_at: i, updated_at: i };
    });
    await db.transaction(async (trx) => {
      for (let start = 0; start < rows.length; start += 500) await trx('merchants').insert(rows.slice(start, start + 500));
    });
    return (performance.now() - started) / 1000;
  })();
  await db.destroy();
  db = await prepare(url);
  await db.destroy();
  const started = performance.now();
  const run = spawnSync(process.execPath, ['dist/apps/cli/main.js', 'import', 'merchants', csv, '--no-progress'], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  const cli = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
  db = createKnex(url);
  const [{ n }] = await db('merchants').count({ n: '*' });
  const cities = await db('merchants').distinct('city_id').pluck('city_id');
  await db.destroy();
  if (Number(n) !== N || cities.length !== CITIES.length) throw new Error(`wrote ${n} merchants in ${cities.length} cities`);
  return { baseline: sample, cli };
}

const targets = [['sqlite', `sqlite:${join(folder, 'bench.sqlite')}`]];
if (values.mysql) targets.push(['mysql', values.mysql]);
try {
  for (const [name, url] of targets) {
    const { baseline, cli } = await measure(url);
    console.log(`${name}: ${N} merchants: CLI import ${cli.toFixed(1)} s (whole process: parse, check, geocode, write), bare batch insert ${baseline.toFixed(1)} s, ratio ${(cli / baseline).toFixed(2)}`);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
