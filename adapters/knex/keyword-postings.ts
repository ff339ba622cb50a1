import { grownArray } from './enabled-merchant-rows.js';
import { visitTerms } from './keyword-terms.js';

/**
 * The data of the keyword index of merchants (see `MerchantKeywordIndex`): the enabled merchants
 * ranked newest first (rank 0 is the newest; equal times by id, descending), with what a search
 * filters on by rank, and for each term the ranks of the merchants holding it, ascending, as
 * differences from the previous rank in variable-length bytes (7 bits a byte; most are one or two
 * bytes, against four for a plain rank), written along a chain of blocks (see {@link PostingBlocks}).
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

/** Each chain starts with a block of 16 bytes; each next one is twice as large, up to 1 KiB. */
const FIRST_BLOCK = 16;
const LAST_LEVEL = 6;
/** The address of the next block, in the last bytes of a block. */
const LINK_BYTES = 4;
const blockSize = (level: number): number => FIRST_BLOCK << level;

/**
 * Where the chains of the slots end while a build writes them: per slot, its first block, the
 * address its next byte goes to, the end of its current block's bytes (where the link sits), that
 * block's level, its last rank and how many ranks it holds.
 */
class Chains {
  heads: Uint32Array;
  counts: Uint32Array;
  private tails: Uint32Array;
  private limits: Uint32Array;
  private levels: Uint8Array;
  private last: Int32Array;

  constructor(capacity: number) {
    this.heads = new Uint32Array(capacity);
    this.counts = new Uint32Array(capacity);
    this.tails = new Uint32Array(capacity);
    this.limits = new Uint32Array(capacity);
    this.levels = new Uint8Array(capacity);
    this.last = new Int32Array(capacity);
  }

  /** Starts the chain of a new slot (slots come numbered 0, 1, 2…). */
  open(blocks: PostingBlocks, slot: number): void {
    if (slot === this.heads.length) this.grow();
    const head = blocks.allocate(FIRST_BLOCK);
    this.heads[slot] = head;
    this.tails[slot] = head;
    this.limits[slot] = head + FIRST_BLOCK - LINK_BYTES;
    this.levels[slot] = 0;
    this.last[slot] = -1;
  }

  /** Appends `rank` (at least the slot's last) to the slot's chain; a rank already there counts once. */
  append(blocks: PostingBlocks, slot: number, rank: number): void {
    let delta = rank - this.last[slot]!;
    if (delta === 0) return;
    this.last[slot] = rank;
    this.counts[slot]! += 1;
    while (delta >= 0x80) {
      this.put(blocks, slot, (delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    this.put(blocks, slot, delta);
  }

  private put(blocks: PostingBlocks, slot: number, byte: number): void {
    let at = this.tails[slot]!;
    if (at === this.limits[slot]) {
      const level = Math.min(this.levels[slot]! + 1, LAST_LEVEL);
      const next = blocks.allocate(blockSize(level));
      blocks.writeLink(at, next);
      this.levels[slot] = level;
      this.limits[slot] = next + blockSize(level) - LINK_BYTES;
      at = next;
    }
    blocks.writeByte(at, byte);
    this.tails[slot] = at + 1;
  }

  private grow(): void {
    const capacity = this.heads.length * 2;
    this.heads = grownArray(this.heads, new Uint32Array(capacity));
    this.counts = grownArray(this.counts, new Uint32Array(capacity));
    this.tails = grownArray(this.tails, new Uint32Array(capacity));
    this.limits = grownArray(this.limits, new Uint32Array(capacity));
    this.levels = grownArray(this.levels, new Uint8Array(capacity));
    this.last = grownArray(this.last, new Int32Array(capacity));
  }
}

const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
const OFFSET_MASK = CHUNK - 1;

/**
 * The bytes of every chain, in chunks of a megabyte that no block spans; an address is the chunk's
 * number times the chunk size plus the offset in it (32 bits: up to 4 GiB). A chain is read by
 * following the link at the end of each block to the next; a chain's last block is partly filled,
 * and its ranks are counted, so nothing after them is read.
 */
export class PostingBlocks {
  private readonly chunks: Uint8Array[] = [];
  private used = CHUNK;

  /** A new block of `size` bytes (at most a chunk); answers its address. */
  allocate(size: number): number {
    if (this.used + size > CHUNK) {
      this.chunks.push(new Uint8Array(CHUNK));
      this.used = 0;
    }
    const address = (this.chunks.length - 1) * CHUNK + this.used;
    this.used += size;
    return address;
  }

  /** Gives back the unused end of the last chunk; nothing is allocated after. */
  seal(): void {
    const last = this.chunks.length - 1;
    if (last >= 0 && this.used < CHUNK) this.chunks[last] = this.chunks[last]!.slice(0, this.used);
    this.used = Infinity;
  }

  get byteLength(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  byteAt(address: number): number {
    return this.chunks[address >>> CHUNK_BITS]![address & OFFSET_MASK]!;
  }

  writeByte(address: number, byte: number): void {
    this.chunks[address >>> CHUNK_BITS]![address & OFFSET_MASK] = byte;
  }

  link(at: number): number {
    const chunk = this.chunks[at >>> CHUNK_BITS]!;
    const offset = at & OFFSET_MASK;
    return (chunk[offset]! | (chunk[offset + 1]! << 8) | (chunk[offset + 2]! << 16) | (chunk[offset + 3]! << 24)) >>> 0;
  }

  writeLink(at: number, address: number): void {
    const chunk = this.chunks[at >>> CHUNK_BITS]!;
    const offset = at & OFFSET_MASK;
    chunk[offset] = address & 0xff;
    chunk[offset + 1] = (address >>> 8) & 0xff;
    chunk[offset + 2] = (address >>> 16) & 0xff;
    chunk[offset + 3] = address >>> 24;
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

/** Reads the variable-length values of a chain, one after the other, following its links. */
class ChainReader {
  private at: number;
  private limit: number;
  private level = 0;

  constructor(
    private readonly blocks: PostingBlocks,
    head: number,
  ) {
    this.at = head;
    this.limit = head + FIRST_BLOCK - LINK_BYTES;
  }

  next(): number {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.byte();
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  }

  private byte(): number {
    if (this.at === this.limit) {
      this.level = Math.min(this.level + 1, LAST_LEVEL);
      this.at = this.blocks.link(this.limit);
      this.limit = this.at + blockSize(this.level) - LINK_BYTES;
    }
    return this.blocks.byteAt(this.at++);
  }
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
