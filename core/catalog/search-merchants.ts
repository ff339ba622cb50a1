import type { CategoryRepository } from './category.js';
import type { GeoPoint } from './geo.js';
import type { MerchantListing } from './merchant.js';
import type { MerchantRepository, MerchantSearch } from './merchant-repository.js';

export interface SearchMerchantsInput {
  readonly cityId?: number;
  readonly keyword?: string;
  readonly categoryId?: number;
  /** Where the user is (GCJ-02); distances are measured from here. */
  readonly origin?: GeoPoint;
  /** Metres; applies only with an origin. */
  readonly radius?: number;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * `/merchants`: enabled merchants, filters combined. A category includes its enabled children;
 * an unknown or disabled category matches nothing. A blank keyword is no keyword.
 */
export class SearchMerchants {
  constructor(
    private readonly merchants: MerchantRepository,
    private readonly categories: CategoryRepository,
  ) {}

  async execute(input: SearchMerchantsInput): Promise<{ total: number; listings: MerchantListing[] }> {
    const keyword = input.keyword?.trim();
    const search: MerchantSearch = {
      page: input.page,
      pageSize: input.pageSize,
      ...(input.cityId === undefined ? {} : { cityId: input.cityId }),
      ...(keyword ? { keyword } : {}),
      ...(input.origin ? { origin: input.origin, ...(input.radius === undefined ? {} : { radius: input.radius }) } : {}),
    };
    if (input.categoryId !== undefined) {
      const categoryIds = await this.withChildren(input.categoryId);
      if (categoryIds.length === 0) return { total: 0, listings: [] };
      return this.merchants.search({ ...search, categoryIds });
    }
    return this.merchants.search(search);
  }

  private async withChildren(categoryId: number): Promise<number[]> {
    const enabled = await this.categories.listEnabled();
    if (!enabled.some((c) => c.id === categoryId)) return [];
    const ids = [categoryId];
    for (let i = 0; i < ids.length; i += 1) {
      for (const child of enabled) if (child.pid === ids[i] && !ids.includes(child.id)) ids.push(child.id);
    }
    return ids;
  }
}
