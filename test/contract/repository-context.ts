import type { Area, Category, Goods, Merchant, Oper, Repositories, UnitOfWork } from '../../core/index.js';

/** An oper to create in a test; `id` optional. */
export type OperToAdd = Omit<Oper, 'id'> & { readonly id?: number };
export type CategoryToAdd = Omit<Category, 'id'> & { readonly id?: number };
export type MerchantToAdd = Omit<Merchant, 'id'> & { readonly id?: number };
export type GoodsToAdd = Omit<Goods, 'id'> & { readonly id?: number };
/** One unit of the reference tree of areas. */
export type AreaToLoad = Omit<Area, 'id'>;

/** What a contract suite needs from an adapter: a fresh, empty store and its ports. */
export interface RepositoryContext {
  /** Repositories outside any transaction. */
  readonly repositories: Repositories;
  readonly unitOfWork: UnitOfWork;
  /** Creates an oper (the port has no writes). */
  addOper(oper: OperToAdd): Promise<Oper>;
  /** Creates a category, resolving to its id (the catalog ports have no writes). */
  addCategory(category: CategoryToAdd): Promise<number>;
  /** Creates a merchant of an existing oper and category, resolving to its id. */
  addMerchant(merchant: MerchantToAdd): Promise<number>;
  /** Creates goods of an existing merchant, resolving to their id. */
  addGoods(goods: GoodsToAdd): Promise<number>;
  /** Makes the areas exactly `records` unless they already are; resolves to whether it wrote. */
  replaceAreas(records: readonly AreaToLoad[]): Promise<boolean>;
  close(): Promise<void>;
}

/** Makes a context over an empty store; called before each test. */
export type MakeRepositoryContext = () => Promise<RepositoryContext>;

/**
 * Registers hooks that give each test of the enclosing `describe` its own context; the returned
 * function reads the current one.
 */
export function useRepositoryContext(makeContext: MakeRepositoryContext): () => RepositoryContext {
  let current: RepositoryContext | null = null;
  beforeEach(async () => {
    current = await makeContext();
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  return () => {
    if (!current) throw new Error('No repository context: called outside a test');
    return current;
  };
}
