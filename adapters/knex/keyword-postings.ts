import { grownArray } from './enabled-merchant-rows.js';
import { visitTerms } from './keyword-terms.js';

/**
 * The data of the keyword index of merchants (see `MerchantKeywordIndex`): the enabled merchants
 * ranked newest first (rank 0 is the newest; equal times by id, descending), with what a search
 * filters on by rank, and for each term the ranks of the merchants holding it, ascending, as
 * differences from the previous rank in variable-length bytes (7 bits a byte; most are one or two
 * bytes, against four for a plain rank).
 */
export interface KeywordPostings {
  readonly ids: Int32Array;
  readonly cities: Int32Array;
  readonly categories: Int32Array;
  /** Term → slot; slot s holds `counts[s]` ranks, encoded in `bytes[starts[s]..starts[s + 1]]`. */
  readonly slots: ReadonlyMap<number, number>;
  readonly counts: Uint32Array;
  readonly starts: Float64Array;
  readonly bytes: Uint8Array;
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
 * Builds {@link KeywordPostings} from merchants given one at a time (in any order), in one pass
 * over them: each merchant's distinct term slots are kept as variable-length bytes; then, merchant
 * by merchant in rank order, every slot's ranks come in ascending order, so they are measured
 * once and written once, straight into their final place. The largest thing held besides the
 * result is the merchants' slot lists, about as large as the result (at a million merchants
 * about 35 MB of slot lists and 28 MB of columns, for a result of 33 MB).
 */
export class KeywordPostingsBuilder {
  private readonly slots = new Map<number, number>();
  private readonly ofCategory = new Map<number, number[]>();
  /** The merchant (by position) last given each slot: a term counts once per merchant. */
  private marks = new Int32Array(1 << 16).fill(-1);
  private readonly merchants: SourceColumns;
  private lists: SlotLists;

  /** `expected`: about how many merchants will be given (the arrays start that large). */
  constructor(
    private readonly categoryNames: ReadonlyMap<number, string>,
    expected = 1 << 16,
  ) {
    this.merchants = new SourceColumns(Math.max(16, expected));
    this.lists = new SlotLists(Math.max(16, expected));
  }

  add(source: KeywordSource): void {
    const at = this.merchants.add(source);
    const categorySlots = this.categorySlots(source.merchant_category_id);
    this.lists.begin(at, 2 * (source.name.length + source.brand.length) + categorySlots.length);
    const once = (slot: number): void => {
      if (this.marks[slot] === at) return;
      this.marks[slot] = at;
      this.lists.push(slot);
    };
    const toSlot = (term: number): void => once(this.slotOf(term));
    visitTerms(source.name, toSlot);
    visitTerms(source.brand, toSlot);
    for (const slot of categorySlots) once(slot);
    this.lists.end(at);
  }

  build(): KeywordPostings {
    const order = this.merchants.order();
    const slotCount = this.slots.size;
    const counts = new Uint32Array(slotCount);
    const sizes = new Float64Array(slotCount);
    this.inRankOrder(order, counts, sizes, null);
    const starts = new Float64Array(slotCount + 1);
    for (let slot = 0; slot < slotCount; slot += 1) starts[slot + 1] = starts[slot]! + sizes[slot]!;
    const bytes = new Uint8Array(starts[slotCount]!);
    this.inRankOrder(order, null, starts.slice(0, slotCount), bytes);
    // What is read no more goes before the columns are laid out by rank (a builder builds once).
    this.lists = new SlotLists(0);
    return { ...this.merchants.inRankOrder(order), slots: this.slots, counts, starts, bytes };
  }

  /**
   * Goes through every slot of every merchant, merchants in rank order, so that each slot meets
   * its ranks ascending. Without `bytes`: counts each slot's ranks and the bytes their differences
   * take (`counts`, `offsets`). With `bytes`: writes the differences at `offsets` (moved along).
   */
  private inRankOrder(order: Uint32Array, counts: Uint32Array | null, offsets: Float64Array, bytes: Uint8Array | null): void {
    const last = new Int32Array(this.slots.size).fill(-1);
    const reader = new VarintReader();
    for (let rank = 0; rank < order.length; rank += 1) {
      const at = order[rank]!;
      const end = this.lists.endOf(at);
      reader.start(this.lists.chunkOf(at), this.lists.startOf(at));
      while (reader.offset < end) {
        const slot = reader.next();
        const delta = rank - last[slot]!;
        last[slot] = rank;
        if (bytes === null) {
          counts![slot]! += 1;
          offsets[slot]! += delta < 0x80 ? 1 : delta < 0x4000 ? 2 : delta < 0x200000 ? 3 : delta < 0x10000000 ? 4 : 5;
        } else {
          offsets[slot] = writeVarint(bytes, offsets[slot]!, delta);
        }
      }
    }
  }

  private slotOf(term: number): number {
    let slot = this.slots.get(term);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(term, slot);
      if (slot >= this.marks.length) {
        const marks = new Int32Array(this.marks.length * 2).fill(-1);
        marks.set(this.marks);
        this.marks = marks;
      }
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
  const reader = new VarintReader();
  reader.start(postings.bytes, postings.starts[slot]!);
  let rank = -1;
  for (let i = 0; i < ranks.length; i += 1) {
    rank += reader.next();
    ranks[i] = rank;
  }
  return ranks;
}

/** Reads what {@link writeVarint} wrote, one value after the other. */
class VarintReader {
  private bytes: Uint8Array = new Uint8Array(0);
  offset = 0;

  start(bytes: Uint8Array, offset: number): void {
    this.bytes = bytes;
    this.offset = offset;
  }

  next(): number {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.bytes[this.offset++]!;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  }
}

/** Writes `value` (an integer from 0 to 2^31 - 1: ranks, their differences, slots) at `offset`; answers the offset after it. */
function writeVarint(bytes: Uint8Array, offset: number, value: number): number {
  while (value >= 0x80) {
    bytes[offset++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  bytes[offset++] = value;
  return offset;
}

/**
 * Each merchant's slots as variable-length bytes (at most 5 each), in chunks of a megabyte that a
 * list never spans, so that growing never copies what is written.
 */
class SlotLists {
  private static readonly CHUNK = 1 << 20;
  private readonly chunks: Uint8Array[] = [];
  private current = new Uint8Array(0);
  private used = 0;
  /** Per merchant: its chunk, and where its list starts and ends there. */
  private where: Int32Array;

  constructor(capacity: number) {
    this.where = new Int32Array(3 * capacity);
  }

  /** Starts the list of the merchant at `at`, which holds at most `slots` slots. */
  begin(at: number, slots: number): void {
    const room = 5 * slots;
    if (this.used + room > this.current.length) {
      this.current = new Uint8Array(Math.max(SlotLists.CHUNK, room));
      this.chunks.push(this.current);
      this.used = 0;
    }
    if (3 * at + 3 > this.where.length) this.where = grownArray(this.where, new Int32Array(2 * this.where.length));
    this.where[3 * at] = this.chunks.length - 1;
    this.where[3 * at + 1] = this.used;
  }

  push(slot: number): void {
    this.used = writeVarint(this.current, this.used, slot);
  }

  end(at: number): void {
    this.where[3 * at + 2] = this.used;
  }

  chunkOf(at: number): Uint8Array {
    return this.chunks[this.where[3 * at]!]!;
  }

  startOf(at: number): number {
    return this.where[3 * at + 1]!;
  }

  endOf(at: number): number {
    return this.where[3 * at + 2]!;
  }
}

/** The merchants' columns in the order given. */
class SourceColumns {
  size = 0;
  private ids: Int32Array;
  private createdAt: Float64Array;
  private cities: Int32Array;
  private categories: Int32Array;

  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
    this.createdAt = new Float64Array(capacity);
    this.cities = new Int32Array(capacity);
    this.categories = new Int32Array(capacity);
  }

  /** Keeps a merchant; answers its position. */
  add(source: KeywordSource): number {
    if (this.size === this.ids.length) this.grow();
    const at = this.size;
    this.ids[at] = Number(source.id);
    this.createdAt[at] = Number(source.created_at);
    this.cities[at] = Number(source.city_id);
    this.categories[at] = Number(source.merchant_category_id);
    this.size += 1;
    return at;
  }

  /** The positions of the merchants by rank: newest first, then by id, descending (once: the times go). */
  order(): Uint32Array {
    const n = this.size;
    const order = new Uint32Array(n);
    const before = (a: number, b: number): number => this.createdAt[b]! - this.createdAt[a]! || this.ids[b]! - this.ids[a]!;
    let oldestFirst = true;
    for (let i = 1; i < n && oldestFirst; i += 1) oldestFirst = before(i - 1, i) > 0;
    // Given by id, merchants mostly come oldest first: then the order is the reverse, with no sort.
    for (let i = 0; i < n; i += 1) order[i] = oldestFirst ? n - 1 - i : i;
    if (!oldestFirst) order.sort(before);
    this.createdAt = new Float64Array(0);
    return order;
  }

  inRankOrder(order: Uint32Array): { ids: Int32Array; cities: Int32Array; categories: Int32Array } {
    const pick = (column: Int32Array): Int32Array => {
      const picked = new Int32Array(order.length);
      for (let rank = 0; rank < order.length; rank += 1) picked[rank] = column[order[rank]!]!;
      return picked;
    };
    return { ids: pick(this.ids), cities: pick(this.cities), categories: pick(this.categories) };
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    this.ids = grownArray(this.ids, new Int32Array(capacity));
    this.createdAt = grownArray(this.createdAt, new Float64Array(capacity));
    this.cities = grownArray(this.cities, new Int32Array(capacity));
    this.categories = grownArray(this.categories, new Int32Array(capacity));
  }
}
