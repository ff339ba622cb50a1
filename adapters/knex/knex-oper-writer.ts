import type { Knex } from 'knex';
import type { Oper } from '../../core/index.js';
import { inTransaction } from './in-transaction.js';
import { bumpCacheVersion } from './knex-cache-versions.js';
import { operColumns, operFromRow, type OperRow } from './oper-row.js';

/** An oper to create; `id` may be given (the demo data wants opers 1 and 2), else it is assigned. */
export type NewOper = Omit<Oper, 'id'> & { readonly id?: number };

/**
 * Creates an oper (the OperRepository port has no writes: opers are set up by operators,
 * the demo seed and tests). Secrets must already be sealed. Rejects when the appid or id is taken.
 * This writer and the two below raise the `opers` cache version in the transaction of their change.
 */
export async function insertOper(db: Knex | Knex.Transaction, oper: NewOper, now: Date = new Date()): Promise<Oper> {
  const row = {
    ...(oper.id === undefined ? {} : { id: oper.id }),
    ...operColumns(oper),
    created_at: now.getTime(),
    updated_at: now.getTime(),
  };
  const created = await inTransaction(db, async (trx) => {
    await trx<OperRow>('opers').insert(row);
    await bumpCacheVersion(trx, 'opers');
    return trx<OperRow>('opers').where({ appid: oper.miniProgram.appid }).first();
  });
  if (!created) throw new Error(`The oper of appid ${oper.miniProgram.appid} vanished after its insert`);
  return operFromRow(created);
}

/** An oper's WeChat Pay merchant account, whether or not its platform key is known yet. */
export interface MerchantAccount {
  readonly operId: number;
  readonly appid: string;
  readonly mchid: string;
  readonly merchantSerial: string;
  readonly sealedPrivateKey: string;
  readonly sealedApiV3Key: string;
}

/** Every oper with a merchant account: mchid, merchant serial and sealed keys all set. */
export async function listMerchantAccounts(db: Knex | Knex.Transaction): Promise<MerchantAccount[]> {
  const rows = await db<OperRow>('opers')
    .whereNotNull('pay_mchid')
    .whereNotNull('pay_merchant_serial')
    .whereNotNull('pay_private_key_sealed')
    .whereNotNull('pay_api_v3_key_sealed')
    .orderBy('id');
  return rows.map((row) => ({
    operId: Number(row.id),
    appid: row.appid,
    mchid: row.pay_mchid!,
    merchantSerial: row.pay_merchant_serial!,
    sealedPrivateKey: row.pay_private_key_sealed!,
    sealedApiV3Key: row.pay_api_v3_key_sealed!,
  }));
}

/** Records the WeChat Pay platform public key (and its id) an oper verifies answers with. */
export async function setPlatformKey(db: Knex | Knex.Transaction, operId: number, publicKeyPem: string, serial: string, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx<OperRow>('opers')
      .where({ id: operId })
      .update({ pay_platform_public_key: publicKeyPem, pay_platform_serial: serial, updated_at: now.getTime() });
    await bumpCacheVersion(trx, 'opers');
  });
}

/** Gives an oper a WeChat Pay merchant account (keys already sealed); its platform key comes later. */
export async function setMerchantAccount(
  db: Knex | Knex.Transaction,
  account: Omit<MerchantAccount, 'appid'>,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx<OperRow>('opers').where({ id: account.operId }).update({
      pay_mchid: account.mchid,
      pay_merchant_serial: account.merchantSerial,
      pay_private_key_sealed: account.sealedPrivateKey,
      pay_api_v3_key_sealed: account.sealedApiV3Key,
      updated_at: now.getTime(),
    });
    await bumpCacheVersion(trx, 'opers');
  });
}
