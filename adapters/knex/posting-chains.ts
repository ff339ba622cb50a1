import { grownArray } from './enabled-merchant-rows.js';

/**
 * Chains of blocks holding variable-length values (7 bits a byte), one chain per slot, all in one
 * store of blocks: what `KeywordPostings` keeps each term's ranks in. A chain is written at its end
 * only, and read from its start by following the link at the end of each block.
 */

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
export class Chains {
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

/** Reads the variable-length values of a chain, one after the other, following its links. */
export class ChainReader {
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
