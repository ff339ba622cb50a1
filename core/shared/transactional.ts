/**
 * A `UnitOfWork` (core/repositories.ts) seen by a use case that needs only some repositories in its transactions:
 * its narrow port. Every UnitOfWork is one, for any `R` the repositories satisfy.
 */
export interface Transactional<R> {
  run<T>(work: (repositories: R) => Promise<T>): Promise<T>;
}
