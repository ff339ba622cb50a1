import type { Knex } from 'knex';
import { bumpCacheVersion } from './knex-cache-versions.js';

/**
 * The keyword index of merchants (`merchant_keywords`, migration 0013): for each merchant, every
 * distinct character and every distinct pair of adjacent characters of its name, its brand and its
 * category's name (each text on its own, never across two), ASCII letters folded to lower case,
 * with the merchant's status, city and creation time copied beside them.
 *
 * Neither database can serve a substring search of Chinese text from an ordinary index: MariaDB
 * has no ngram full-text parser and SQLite's FTS5 trigram tokenizer finds nothing for two
 * characters. A posting table of 1- and 2-grams works on both. A keyword of one or two characters
 * is a term itself, so the index answers it exactly, count and newest-first page included, from
 * the index alone; a longer keyword reads the merchants that have all its pairs, then checks the
 * texts literally.
 *
 * The rows are written by {@link insertMerchant} in the merchant's transaction. Whatever changes a
 * merchant's name, brand, category, status, city or creation time, or a category's name, outside
 * this project must call {@link reindexMerchantKeywords} (or {@link reindexCategoryKeywords}).
 */
export const KEYWORD_TABLE = 'merchant_keywords';

/** A row of `merchant_keywords`. */
export interface MerchantKeywordRow {
  term: string;
  status: number;
  city_id: number;
  created_at: number;
  merchant_id: number;
}

/** ASCII letters to lower case, everything else as it is (the case rule of keyword search). */
export function foldAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** The distinct 1- and 2-character terms of texts, by code point (an emoji is one character). */
export function keywordTerms(texts: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    const chars = Array.from(foldAscii(text));
    for (let i = 0; i < chars.length; i += 1) {
      terms.add(chars[i]!);
      if (i + 1 < chars.length) terms.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...terms];
}

/** How the index serves a keyword: `terms` that every match has; `exact` when they are the match. */
export interface KeywordPlan {
  readonly terms: readonly string[];
  readonly exact: boolean;
}

/** The plan for a (non-empty) keyword. */
export function keywordPlan(keyword: string): KeywordPlan {
  const chars = Array.from(foldAscii(keyword));
  if (chars.length <= 2) return { terms: [chars.join('')], exact: true };
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) pairs.add(chars[i]! + chars[i + 1]!);
  return { terms: [...pairs], exact: false };
}

/** What a merchant's index rows are made of. */
export interface KeywordSource {
  readonly id: number;
  readonly name: string;
  readonly brand: string;
  readonly categoryName: string;
  readonly status: number;
  readonly cityId: number;
  readonly createdAt: number;
}

/** The index rows of one merchant. */
export function keywordRowsOf(source: KeywordSource): MerchantKeywordRow[] {
  return keywordTerms([source.name, source.brand, source.categoryName]).map((term) => ({
    term,
    status: source.status,
    city_id: source.cityId,
    created_at: source.createdAt,
    merchant_id: source.id,
  }));
}

/** Rows per INSERT: well under SQLite's 32,766 bound parameters (5 per row). */
const ROWS_PER_INSERT = 500;

/**
 * After a change made outside this project: replaces the index rows of the given merchants with
 * rows made from what is stored now, and raises the `merchants` cache version (so that every app
 * instance counts its search totals again).
 */
export async function reindexMerchantKeywords(db: Knex | Knex.Transaction, merchantIds: readonly number[]): Promise<void> {
  await writeKeywordRows(db, merchantIds);
  await bumpCacheVersion(db, 'merchants');
}

/** Replaces the index rows of the given merchants with rows made from what is stored now. */
export async function writeKeywordRows(db: Knex | Knex.Transaction, merchantIds: readonly number[]): Promise<void> {
  for (let start = 0; start < merchantIds.length; start += ROWS_PER_INSERT) {
    const ids = merchantIds.slice(start, start + ROWS_PER_INSERT);
    const sources: Array<{ id: number; name: string; brand: string; category_name: string | null; status: number; city_id: number; created_at: number }> =
      await db('merchants as m')
        .leftJoin('merchant_categories as c', 'c.id', 'm.merchant_category_id')
        .whereIn('m.id', ids)
        .select('m.id', 'm.name', 'm.brand', 'c.name as category_name', 'm.status', 'm.city_id', 'm.created_at');
    await db(KEYWORD_TABLE).whereIn('merchant_id', ids).del();
    const rows = sources.flatMap((s) =>
      keywordRowsOf({
        id: Number(s.id),
        name: s.name,
        brand: s.brand,
        categoryName: s.category_name ?? '',
        status: Number(s.status),
        cityId: Number(s.city_id),
        createdAt: Number(s.created_at),
      }),
    );
    for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) await db(KEYWORD_TABLE).insert(rows.slice(at, at + ROWS_PER_INSERT));
  }
}

/** Reindexes every merchant of a category (after its name changed). */
export async function reindexCategoryKeywords(db: Knex | Knex.Transaction, categoryId: number): Promise<void> {
  const rows: Array<{ id: number }> = await db('merchants').where('merchant_category_id', categoryId).select('id');
  await reindexMerchantKeywords(db, rows.map((row) => Number(row.id)));
}

/** Writes the index rows of every merchant, a batch at a time (migration 0013); raises no version. */
export async function reindexAllMerchantKeywords(db: Knex): Promise<void> {
  const BATCH = 5000;
  let after = 0;
  for (;;) {
    const rows: Array<{ id: number }> = await db('merchants').where('id', '>', after).orderBy('id').limit(BATCH).select('id');
    if (rows.length === 0) return;
    const ids = rows.map((row) => Number(row.id));
    await db.transaction((trx) => writeKeywordRows(trx, ids));
    after = ids[ids.length - 1]!;
  }
}
