import type { Oper, Repositories, UnitOfWork } from '../../core/index.js';

/** An oper to create in a test; `id` optional. */
export type OperToAdd = Omit<Oper, 'id'> & { readonly id?: number };

/** What a contract suite needs from an adapter: a fresh, empty store and its ports. */
export interface RepositoryContext {
  /** Repositories outside any transaction. */
  readonly repositories: Repositories;
  readonly unitOfWork: UnitOfWork;
  /** Creates an oper (the port has no writes). */
  addOper(oper: OperToAdd): Promise<Oper>;
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
