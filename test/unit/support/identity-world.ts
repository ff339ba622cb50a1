import type { Repositories } from '../../../core/index.js';
import { InMemoryStore, InMemoryUnitOfWork, inMemoryRepositories, type NewInMemoryOper } from '../../../adapters/memory/index.js';
import { FakeClock } from '../../support/fake-clock.js';

export const APP1 = 'wx0000000000000001';
export const APP2 = 'wx0000000000000002';
/** The mini program of a disabled oper. */
export const APP_DISABLED = 'wx0000000000000009';

/** 10:00 on 28 November 2026 in Shanghai: the start of every scenario. */
export const START = new Date('2026-11-28T02:00:00.000Z');

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A distinct valid mobile per `n`: 13800000001, 13800000002, … */
export function mobileNumber(n: number): string {
  return `138${String(n).padStart(8, '0')}`;
}

function oper(id: number, appid: string, status: 1 | 2): NewInMemoryOper {
  return { id, name: `运营中心${id}`, status, miniProgram: { appid, sealedSecret: `sealed-${id}` }, pay: null };
}

export interface IdentityWorld {
  readonly store: InMemoryStore;
  readonly clock: FakeClock;
  /** Repositories over the store, outside any transaction: for arranging and inspecting. */
  readonly repositories: Repositories;
  readonly uow: InMemoryUnitOfWork;
}

/** A fresh store with oper 1 (APP1) and oper 2 (APP2) enabled and oper 9 (APP_DISABLED) disabled. */
export async function identityWorld(): Promise<IdentityWorld> {
  const store = new InMemoryStore();
  const clock = new FakeClock(START);
  await store.addOper(oper(1, APP1, 1), START);
  await store.addOper(oper(2, APP2, 1), START);
  await store.addOper(oper(9, APP_DISABLED, 2), START);
  return { store, clock, repositories: inMemoryRepositories(store), uow: new InMemoryUnitOfWork(store) };
}
