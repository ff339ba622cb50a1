/**
 * Named locks held until the surrounding transaction ends. Callers that must see each other's
 * writes (two requests for an SMS to one mobile) take the same lock first. Locks mean something
 * only inside `UnitOfWork.run` (core/repositories.ts); take them before the transaction's first read, and take
 * several in a fixed order.
 */
export interface Locks {
  acquire(name: string): Promise<void>;
}
