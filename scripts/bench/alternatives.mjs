// The choices of issue 12 against their alternatives, measured in the repository on the loaded
// bench database (milliseconds per search, page of 15 + total, median of 7 after one warm-up):
// - keyword: the keyword index in memory against the literal scan of the table (what searches read
//   while no index of the current version could be built);
// - nearby: the k-d tree in memory against latitude bands (status, lat_band, lng, lat), and those
//   against the bounding box on (status, lat, lng) that they replaced (that index is made for the
//   measurement and dropped after); candidates only (page + total, no page rows read).
import { performance } from 'node:perf_hooks';
import { boundingBox, distanceInMetres } from '../../dist/core/index.js';
import { containsLiterally as containsLiterallyFor } from '../../dist/adapters/knex/literal-match.js';
import { createKnex, inLatitudeBands, KnexMerchantRepository, latitudeBands, MerchantKeywordIndex, MerchantPointIndex } from '../../dist/adapters/knex/index.js';
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

/** Candidates in the box, kept within the radius by exact distance, nearest first: the page's 15 and the total. */
function nearest(points, probe) {
  const within = points.map((p) => ({ id: Number(p.id), d: distanceInMetres(probe, { lat: Number(p.lat), lng: Number(p.lng) }) })).filter((p) => p.d <= probe.radius);
  within.sort((a, b) => a.d - b.d || a.id - b.id);
  return { total: within.length, ids: within.slice(0, 15).map((p) => p.id) };
}

/** The nearby prefilter as it was: a bounding box on (status, lat, lng). */
async function plainBox(knex, probe) {
  const box = boundingBox(probe, probe.radius + 1);
  return nearest(await knex('merchants as m').where('m.status', 1).whereBetween('m.lat', [box.minLat, box.maxLat]).whereBetween('m.lng', [box.minLng, box.maxLng]).select('m.id', 'm.lat', 'm.lng'), probe);
}

/** The prefilter on latitude bands, as the repository reads the table. */
async function bandedBox(knex, probe) {
  const box = boundingBox(probe, probe.radius + 1);
  const bands = latitudeBands(box.minLat, box.maxLat);
  return nearest(
    await knex('merchants as m').where('m.status', 1).where(inLatitudeBands(knex, 'm', bands)).whereBetween('m.lng', [box.minLng, box.maxLng]).whereBetween('m.lat', [box.minLat, box.maxLat]).select('m.id', 'm.lat', 'm.lng'),
    probe,
  );
}

/** The k-d tree in memory, as the repository reads it for unfiltered searches. */
async function fromTree(points, probe) {
  const found = await points.within(probe, probe.radius, boundingBox(probe, probe.radius + 1), 0, 15);
  return { total: found.total, ids: found.page.map((c) => c.id) };
}

export async function measureAlternatives(url) {
  const knex = createKnex(url);
  const out = [];
  try {
    const keywords = new MerchantKeywordIndex(knex, async () => 'bench');
    const started = performance.now();
    await keywords.ready();
    const buildMs = performance.now() - started;
    const repository = new KnexMerchantRepository(knex, undefined, null, keywords);
    for (const probe of PROBES.keywords) {
      const search = { keyword: probe.keyword, ...(probe.cityId ? { cityId: probe.cityId } : {}), page: 1, pageSize: 15 };
      const ours = await repository.search(search);
      const theirs = await literalScan(knex, probe.keyword, probe.cityId);
      if (ours.total !== theirs.total || ours.listings.map((l) => l.merchant.id).join() !== theirs.ids.join()) {
        throw new Error(`keyword ${probe.keyword}: the index and the scan disagree (${ours.total} vs ${theirs.total})`);
      }
      out.push({
        what: `keyword ${probe.keyword}${probe.cityId ? ' in 北京' : ', country'} (${ours.total})`,
        chosen: { name: `keyword index in memory (built in ${(buildMs / 1000).toFixed(1)} s)`, ms: await medianMs(() => repository.search(search)) },
        alternative: { name: 'literal scan', ms: await medianMs(() => literalScan(knex, probe.keyword, probe.cityId)) },
      });
    }
    // The ways to find the candidates of a 5 km search (its page and total, without reading the
    // page's rows). The old index is made only after the others are measured: present, the planner
    // may take it for the bands' query too.
    const points = new MerchantPointIndex(knex, async () => 0);
    await points.ready();
    const probes = [['dense', PROBES.dense], ['sparse', PROBES.sparse]];
    const measured = [];
    for (const [label, probe] of probes) {
      const tree = await fromTree(points, probe);
      const banded = await bandedBox(knex, probe);
      if (banded.total !== tree.total || banded.ids.join() !== tree.ids.join()) throw new Error(`nearby ${label}: tree and bands disagree (${tree.total} vs ${banded.total})`);
      measured.push({ label, probe, tree, treeMs: await medianMs(() => fromTree(points, probe)), bandsMs: await medianMs(() => bandedBox(knex, probe)) });
    }
    await knex.schema.alterTable('merchants', (t) => t.index(['status', 'lat', 'lng'], 'bench_status_lat_lng'));
    try {
      for (const { label, probe, tree, treeMs, bandsMs } of measured) {
        const plain = await plainBox(knex, probe);
        if (plain.total !== tree.total || plain.ids.join() !== tree.ids.join()) throw new Error(`nearby ${label}: tree and plain box disagree (${tree.total} vs ${plain.total})`);
        const plainMs = await medianMs(() => plainBox(knex, probe));
        out.push({ what: `nearby 5 km, ${label} (${tree.total}), candidates only`, chosen: { name: 'k-d tree in memory', ms: treeMs }, alternative: { name: 'latitude bands (table)', ms: bandsMs } });
        out.push({ what: `nearby 5 km, ${label} (${tree.total}), candidates only`, chosen: { name: 'latitude bands (table)', ms: bandsMs }, alternative: { name: 'box on (status, lat, lng)', ms: plainMs } });
      }
    } finally {
      await knex.schema.alterTable('merchants', (t) => t.dropIndex(['status', 'lat', 'lng'], 'bench_status_lat_lng'));
    }
  } finally {
    await knex.destroy();
  }
  return out;
}
