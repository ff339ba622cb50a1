import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createKnex, insertCategory, insertMerchant, insertOper, migrateLatest } from '../../../adapters/knex/index.js';
import { eachEnabledMerchantNewestFirst } from '../../../adapters/knex/enabled-merchant-rows.js';
import { aCategory, aMerchant } from '../../contract/catalog-fixtures.js';
import { operWithoutPay } from '../../contract/fixtures.js';
import { seeded } from '../../crash/seeded-random.js';
import { decodePostings, KeywordPostingsBuilder, type KeywordSource } from '../../../adapters/knex/keyword-postings.js';
import { visitTerms } from '../../../adapters/knex/keyword-terms.js';

const WORDS = ['火锅', '咖啡', '麻辣烫', '烤肉', '面馆', '奶茶', '小吃', '海鲜', 'Coffee', 'BBQ', '🍜面'];
const CATEGORIES = new Map([
  [1, '美食'],
  [2, '休闲娱乐'],
  [3, '丽人'],
]);

/** `count` merchants, newest first (rank order): times descending, some equal (then ids descending). */
function merchants(count: number, random: () => number): KeywordSource[] {
  const sources: KeywordSource[] = [];
  let createdAt = 1_800_000_000_000;
  for (let rank = 0; rank < count; rank += 1) {
    if (random() < 0.7) createdAt -= 1 + Math.floor(random() * 1000);
    const word = () => WORDS[Math.floor(random() * WORDS.length)]!;
    sources.push({
      id: count * 2 - rank,
      // Every name holds 店, so one chain runs through every rank, across many blocks and chunks.
      name: `${word()}${random() < 0.5 ? word() : ''}店`,
      brand: random() < 0.3 ? word() : '',
      merchant_category_id: 1 + Math.floor(random() * 3),
      city_id: 110100 + Math.floor(random() * 5),
      created_at: createdAt,
    });
  }
  return sources;
}

/** Every term's ranks, ascending, counted once per merchant: what the postings must hold. */
function bruteForce(sources: readonly KeywordSource[]): Map<number, number[]> {
  const ranks = new Map<number, number[]>();
  sources.forEach((source, rank) => {
    const terms = new Set<number>();
    for (const text of [source.name, source.brand, CATEGORIES.get(source.merchant_category_id) ?? '']) visitTerms(text, (term) => terms.add(term));
    for (const term of terms) {
      const list = ranks.get(term) ?? [];
      list.push(rank);
      ranks.set(term, list);
    }
  });
  return ranks;
}

describe('KeywordPostingsBuilder: postings along chains of blocks, built newest first in one pass', () => {
  const sources = merchants(120_000, seeded(20261202));
  const builder = new KeywordPostingsBuilder(CATEGORIES, 1000);
  for (const source of sources) builder.add(source);
  const postings = builder.build();
  const expected = bruteForce(sources);

  it('holds, for every term, exactly the ranks of the merchants holding it, ascending', () => {
    expect(postings.slots.size).to.equal(expected.size);
    for (const [term, ranks] of expected) {
      const slot = postings.slots.get(term);
      expect(slot, `term ${term}`).to.not.equal(undefined);
      expect(postings.counts[slot!]).to.equal(ranks.length);
      expect(Array.from(decodePostings(postings, slot!)), `term ${term}`).to.deep.equal(ranks);
    }
  });

  it('spans chunks (so that links between chunks are followed) and decodes a prefix on its own', () => {
    expect(postings.blocks.byteLength).to.be.greaterThan(1 << 20);
    const shop = postings.slots.get('店'.codePointAt(0)!)!;
    expect(postings.counts[shop]).to.equal(sources.length);
    expect(Array.from(decodePostings(postings, shop, 5))).to.deep.equal([0, 1, 2, 3, 4]);
  });

  it('keeps the columns by rank', () => {
    expect(Array.from(postings.ids.subarray(0, 3))).to.deep.equal(sources.slice(0, 3).map((source) => source.id));
    expect(postings.ids.length).to.equal(sources.length);
    expect(postings.cities[sources.length - 1]).to.equal(sources.at(-1)!.city_id);
    expect(postings.categories[7]).to.equal(sources[7]!.merchant_category_id);
  });

  it('refuses a merchant that is not older than the one before (the ranks would be wrong)', () => {
    const out = new KeywordPostingsBuilder(CATEGORIES);
    out.add({ id: 5, name: '火锅店', brand: '', merchant_category_id: 1, city_id: 110100, created_at: 2000 });
    expect(() => out.add({ id: 4, name: '咖啡', brand: '', merchant_category_id: 1, city_id: 110100, created_at: 2001 })).to.throw(/newest first/);
    expect(() => out.add({ id: 6, name: '咖啡', brand: '', merchant_category_id: 1, city_id: 110100, created_at: 2000 })).to.throw(/newest first/);
    out.add({ id: 4, name: '咖啡', brand: '', merchant_category_id: 1, city_id: 110100, created_at: 2000 });
  });
});

describe('the keyword index reads the enabled merchants newest first [sqlite file]', () => {
  const folder = mkdtempSync(join(tmpdir(), 'o2o-newest-first-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('in rank order across chunk edges (equal times by id, descending), along its covering index, skipping the disabled', async () => {
    const knex = createKnex(`sqlite:${join(folder, 'newest.sqlite')}`);
    try {
      await migrateLatest(knex);
      const operId = (await insertOper(knex, operWithoutPay(1))).id;
      const categoryId = await insertCategory(knex, aCategory());
      const times = [5, 7, 7, 7, 3, 9, 7, 1, 7, 5];
      const added: Array<{ id: number; time: number; status: 1 | 2 }> = [];
      for (const [i, time] of times.entries()) {
        const status = i === 3 ? 2 : 1;
        added.push({ id: await insertMerchant(knex, aMerchant(operId, categoryId, { createdAt: new Date(time * 1000), status })), time, status });
      }
      const expected = added
        .filter((merchant) => merchant.status === 1)
        .sort((a, b) => b.time - a.time || b.id - a.id)
        .map((merchant) => merchant.id);
      const sql: string[] = [];
      knex.on('query', (query: { sql: string }) => sql.push(query.sql));
      const read: number[] = [];
      // Chunks of 2: the edges fall inside runs of equal times.
      await eachEnabledMerchantNewestFirst<{ id: number; created_at: number }>(knex, ['id', 'created_at'], 2, (row) => read.push(Number(row.id)));
      expect(read).to.deep.equal(expected);
      const following = sql.find((text) => /created_at` <= \?/.test(text))!;
      const plan = (await knex.raw(`EXPLAIN QUERY PLAN ${following}`, [7000, 7000, 3, 2])) as Array<{ detail: string }>;
      expect(plan.map((row) => row.detail).join('\n')).to.match(/USING COVERING INDEX merchants_newest_first_index/);
    } finally {
      await knex.destroy();
    }
  });
});
