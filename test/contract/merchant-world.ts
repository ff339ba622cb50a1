import type { Merchant, MerchantListing, MerchantSearch } from '../../core/index.js';
import { aCategory, aMerchant, seedOwners } from './catalog-fixtures.js';
import type { CategoryToAdd, MerchantToAdd, RepositoryContext } from './repository-context.js';

/** What the merchant suites share: an oper and a category made before each test, and shortcuts. */
export interface MerchantWorld {
  readonly context: () => RepositoryContext;
  readonly operId: () => number;
  readonly categoryId: () => number;
  /** Adds a merchant of the oper, in the category unless told; resolves to it as stored. */
  add(overrides?: Partial<MerchantToAdd>): Promise<Merchant>;
  addCategory(overrides?: Partial<CategoryToAdd>): Promise<number>;
  /** Searches (page 1 of 20 unless told), answering the total and the merchants' ids in order. */
  searchIds(search?: Partial<MerchantSearch>): Promise<{ total: number; ids: number[] }>;
  search(search?: Partial<MerchantSearch>): Promise<{ total: number; listings: MerchantListing[] }>;
}

/** Registers, after the context's own hook, the seeding of an oper and a category before each test. */
export function useMerchantWorld(context: () => RepositoryContext): MerchantWorld {
  let owners: { operId: number; categoryId: number } | null = null;
  beforeEach(async () => {
    owners = await seedOwners(context());
  });
  afterEach(() => {
    owners = null;
  });
  const seeded = () => {
    if (!owners) throw new Error('No merchant world: called outside a test');
    return owners;
  };
  const search = (search: Partial<MerchantSearch> = {}) =>
    context().repositories.merchants.search({ page: 1, pageSize: 20, ...search });
  return {
    context,
    operId: () => seeded().operId,
    categoryId: () => seeded().categoryId,
    async add(overrides = {}) {
      const input = aMerchant(seeded().operId, seeded().categoryId, overrides);
      const id = await context().addMerchant(input);
      const { id: _given, ...fields } = input;
      return { ...fields, id };
    },
    addCategory: (overrides = {}) => context().addCategory(aCategory(overrides)),
    search,
    async searchIds(overrides = {}) {
      const { total, listings } = await search(overrides);
      return { total, ids: listings.map((listing) => listing.merchant.id) };
    },
  };
}
