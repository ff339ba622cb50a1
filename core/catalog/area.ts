/** One unit of mainland China's administrative tree (GB/T 2260). */
export interface Area {
  /** Row id. */
  readonly id: number;
  /** The 6-digit GB/T 2260 code. */
  readonly areaId: number;
  readonly name: string;
  /** The parent's `areaId`; 0 for a province. */
  readonly parentId: number;
  /** 1 province (or municipality), 2 city, 3 county. */
  readonly tier: 1 | 2 | 3;
  /** First letter (A-Z) of the name's pinyin, heteronyms resolved (重庆 C, 厦门 X). */
  readonly initial: string;
}
