// The choices of issue 12 against their alternatives, measured in the repository on the loaded
// bench database (milliseconds per search, page of 15 + total, median of 7 after one warm-up):
// - keyword: the keyword index (merchant_keywords) against the literal scan it replaced;
// - nearby: latitude bands (status, lat_band, lng, lat) against the bounding box on (status, lat, lng)
//   that it replaced (that index is made for the measurement and dropped after).
import { performance } from 'node:perf_hooks';
import { boundingBox, distanceInMetres } from '../../dist/core/index.js';
import { containsLiterally as containsLiterallyFor } from '../../dist/adapters/knex/literal-match.js';
import { createKnex, KnexMerchantRepository } from '../../dist/adapters/knex/index.js';
import { PROBES } from './dataset.mjs';

async function medianMs(work) {
  await work();
  const times = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[3];
}

/** The keyword search as it was: every enabled merchant (of the city) read, texts matched literally. */
async function literalScan(knex, keyword, cityId) {
  const matching = () => {
    const q = knex('merchants as m').where('m.status', 1);
    if (cityId) q.where('m.city_id', cityId);
    const categoriesNamed = knex('merchant_categories').select('id').where(containsLiterallyFor(knex, 'name', keyword));
    return q.where((any) =>
      any.where(containsLiterallyFor(knex, 'm.name', keyword)).orWhere(containsLiterallyFor(knex, 'm.brand', keyword)).orWhereIn('m.merchant_category_id', categoriesNamed),
    );
  };
  const [{ n }] = await matching().count({ n: '*' });
  const page = await matching().orderBy([{ column: 'm.created_at', order: 'desc' }, { column: 'm.id', order: 'desc' }]).limit(15).select('m.id');
  return { total: Number(n), ids: page.map((r) => Number(r.id)) };
}

/** The nearby prefilter as it was: a bounding box on (status, lat, lng). */
async function plainBox(knex, probe) {
  const box = boundingBox(probe, probe.radius + 1);
  const points = await knex('merchants as m').where('m.status', 1).whereBetween('m.lat', [box.minLat, box.maxLat]).whereBetween('m.lng', [box.minLng, box.maxLng]).select('m.id', 'm.lat', 'm.lng');
  const within = points.map((p) => ({ id: Number(p.id), d: distanceInMetres(probe, { lat: Number(p.lat), lng: Number(p.lng) }) })).filter((p) => p.d <= probe.radius);
  within.sort((a, b) => a.d - b.d || a.id - b.id);
  return { total: within.length, ids: within.slice(0, 15).map((p) => p.id) };
}

export async function measureAlternatives(url) {
  const knex = createKnex(url);
  const repository = new KnexMerchantRepository(knex);
  const out = [];
  try {
    for (const probe of PROBES.keywords) {
      const search = { keyword: probe.keyword, ...(probe.cityId ? { cityId: probe.cityId } : {}), page: 1, pageSize: 15 };
      const ours = await repository.search(search);
      const theirs = await literalScan(knex, probe.keyword, probe.cityId);
      if (ours.total !== theirs.total || ours.listings.map((l) => l.merchant.id).join() !== theirs.ids.join()) {
        throw new Error(`keyword ${probe.keyword}: the index and the scan disagree (${ours.total} vs ${theirs.total})`);
      }
      out.push({
        what: `keyword ${probe.keyword}${probe.cityId ? ' in 北京' : ', country'} (${ours.total})`,
        chosen: { name: 'keyword index', ms: await medianMs(() => repository.search(search)) },
        alternative: { name: 'literal scan', ms: await medianMs(() => literalScan(knex, probe.keyword, probe.cityId)) },
      });
    }
    await knex.schema.alterTable('merchants', (t) => t.index(['status', 'lat', 'lng'], 'bench_status_lat_lng'));
    try {
      for (const [label, probe] of [['dense', PROBES.dense], ['sparse', PROBES.sparse]]) {
        const search = { origin: probe, radius: probe.radius, page: 1, pageSize: 15 };
        const ours = await repository.search(search);
        const theirs = await plainBox(knex, probe);
        if (ours.total !== theirs.total || ours.listings.map((l) => l.merchant.id).join() !== theirs.ids.join()) {
          throw new Error(`nearby ${label}: the two prefilters disagree (${ours.total} vs ${theirs.total})`);
        }
        out.push({
          what: `nearby 5 km, ${label} (${ours.total})`,
          chosen: { name: 'latitude bands', ms: await medianMs(() => repository.search(search)) },
          alternative: { name: 'box on (status, lat, lng)', ms: await medianMs(() => plainBox(knex, probe)) },
        });
      }
    } finally {
      await knex.schema.alterTable('merchants', (t) => t.dropIndex(['status', 'lat', 'lng'], 'bench_status_lat_lng'));
    }
  } finally {
    await knex.destroy();
  }
  return out;
}
