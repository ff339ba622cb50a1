import type { Knex } from 'knex';
import type { Oper } from '../../core/index.js';
import { operColumns, operFromRow, type OperRow } from './oper-row.js';

/** An oper to create; `id` may be given (the demo data wants opers 1 and 2), else it is assigned. */
export type NewOper = Omit<Oper, 'id'> & { readonly id?: number };

/**
 * Creates an oper (the OperRepository port has no writes: opers are set up by operators,
 * the demo seed and tests). Secrets must already be sealed. Rejects when the appid or id is taken.
 */
export async function insertOper(db: Knex | Knex.Transaction, oper: NewOper, now: Date = new Date()): Promise<Oper> {
  const row = {
    ...(oper.id === undefined ? {} : { id: oper.id }),
    ...operColumns(oper),
    created_at: now.getTime(),
    updated_at: now.getTime(),
  };
  await db<OperRow>('opers').insert(row);
  const created = await db<OperRow>('opers').where({ appid: oper.miniProgram.appid }).first();
  if (!created) throw new Error(`The oper of appid ${oper.miniProgram.appid} vanished after its insert`);
  return operFromRow(created);
}
