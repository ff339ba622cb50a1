/** A merchant category; `pid` 0 at the top. */
export interface Category {
  readonly id: number;
  readonly pid: number;
  readonly name: string;
  readonly icon: string;
  /** 1 normal, 2 disabled. */
  readonly status: 1 | 2;
  readonly sort: number;
}

export interface CategoryRepository {
  /** Enabled categories, by `sort` then `id`. */
  listEnabled(): Promise<Category[]>;
}
