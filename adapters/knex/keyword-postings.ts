import { grownArray } from './enabled-merchant-rows.js';
import { ChainReader, Chains, PostingBlocks } from './posting-chains.js';
import { visitTerms } from './keyword-terms.js';

/**
 * The data of the keyword index of merchants (see `MerchantKeywordIndex`): the enabled merchants
 * ranked newest first (rank 0 is the newest; equal times by id, descending), with what a search
 * filters on by rank, and for each term the ranks of the merchants holding it, ascending, as
 * differences from the previous rank in variable-length bytes (7 bits a byte; most are one or two
 * bytes, against four for a plain rank), written along a chain of blocks (see `posting-chains.ts`).
 */
export interface KeywordPostings {
  readonly ids: Int32Array;
  readonly cities: Int32Array;
  readonly categories: Int32Array;
  /** Term → slot; slot s holds `counts[s]` ranks, along the chain of blocks that starts at `heads[s]`. */
  readonly slots: ReadonlyMap<number, number>;
  readonly counts: Uint32Array;
  readonly heads: Uint32Array;
  readonly blocks: PostingBlocks;
}

/** What a merchant contributes to the index. */
export interface KeywordSource {
  id: number;
  name: string;
  brand: string;
  merchant_category_id: number;
  city_id: number;
  created_at: number;
}

/**
 * Builds {@link KeywordPostings} from the merchants given one at a time newest first (their rank
 * order), in one pass: each rank is appended to the chain of each of its terms as it comes, so
 * nothing is held but the result. (An earlier build took merchants in any order, kept each one's
 * terms, about as large as the result, and sorted: at a million merchants its peak was about three
 * times the result's size; this one's is the result's.)
 */
export class KeywordPostingsBuilder {
  private readonly slots = new Map<number, number>();
  private readonly ofCategory = new Map<number, number[]>();
  private readonly blocks = new PostingBlocks();
  private readonly columns: RankColumns;
  private readonly chains = new Chains(1 << 12);
  private previous: { readonly createdAt: number; readonly id: number } | null = null;

  /** `expected`: about how many merchants will be given (the columns start that large). */
  constructor(
    private readonly categoryNames: ReadonlyMap<number, string>,
    expected = 1 << 16,
  ) {
    this.columns = new RankColumns(Math.max(16, expected));
  }

  /** Adds the next merchant, older than every one given before (else this throws). */
  add(source: KeywordSource): void {
    const createdAt = Number(source.created_at);
    const id = Number(source.id);
    const previous = this.previous;
    if (previous && (createdAt > previous.createdAt || (createdAt === previous.createdAt && id >= previous.id))) {
      throw new Error(`keyword index: merchant ${id} came after a newer one (${previous.id}): merchants must be given newest first`);
    }
    this.previous = { createdAt, id };
    const rank = this.columns.add(id, Number(source.city_id), Number(source.merchant_category_id));
    const toSlot = (term: number): void => this.chains.append(this.blocks, this.slotOf(term), rank);
    visitTerms(source.name, toSlot);
    visitTerms(source.brand, toSlot);
    for (const slot of this.categorySlots(source.merchant_category_id)) this.chains.append(this.blocks, slot, rank);
  }

  /** The postings (a builder builds once). */
  build(): KeywordPostings {
    this.blocks.seal();
    const size = this.slots.size;
    return { ...this.columns.final(), slots: this.slots, counts: this.chains.counts.slice(0, size), heads: this.chains.heads.slice(0, size), blocks: this.blocks };
  }

  private slotOf(term: number): number {
    let slot = this.slots.get(term);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(term, slot);
      this.chains.open(this.blocks, slot);
    }
    return slot;
  }

  /** The distinct slots of a category's name (the same for all its merchants, so made once). */
  private categorySlots(categoryId: number): readonly number[] {
    let slots = this.ofCategory.get(categoryId);
    if (!slots) {
      const distinct = new Set<number>();
      visitTerms(this.categoryNames.get(categoryId) ?? '', (term) => distinct.add(this.slotOf(term)));
      slots = [...distinct];
      this.ofCategory.set(categoryId, slots);
    }
    return slots;
  }
}

/** The ranks of slot `slot`, ascending; at most the first `limit`. */
export function decodePostings(postings: KeywordPostings, slot: number, limit = Infinity): Uint32Array {
  const ranks = new Uint32Array(Math.min(limit, postings.counts[slot]!));
  const reader = new ChainReader(postings.blocks, postings.heads[slot]!);
  let rank = -1;
  for (let i = 0; i < ranks.length; i += 1) {
    rank += reader.next();
    ranks[i] = rank;
  }
  return ranks;
}

/** The merchants' columns by rank, as they come. */
class RankColumns {
  private size = 0;
  private ids: Int32Array;
  private cities: Int32Array;
  private categories: Int32Array;

  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
    this.cities = new Int32Array(capacity);
    this.categories = new Int32Array(capacity);
  }

  /** Keeps the next merchant; answers its rank. */
  add(id: number, city: number, category: number): number {
    if (this.size === this.ids.length) this.grow();
    const rank = this.size;
    this.ids[rank] = id;
    this.cities[rank] = city;
    this.categories[rank] = category;
    this.size += 1;
    return rank;
  }

  /** The columns as long as the merchants given (copied only when much room is left over). */
  final(): { ids: Int32Array; cities: Int32Array; categories: Int32Array } {
    const fit = (column: Int32Array): Int32Array => (this.size * 8 >= column.length * 7 ? column.subarray(0, this.size) : column.slice(0, this.size));
    return { ids: fit(this.ids), cities: fit(this.cities), categories: fit(this.categories) };
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    this.ids = grownArray(this.ids, new Int32Array(capacity));
    this.cities = grownArray(this.cities, new Int32Array(capacity));
    this.categories = grownArray(this.categories, new Int32Array(capacity));
  }
}
