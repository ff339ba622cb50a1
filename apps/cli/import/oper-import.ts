import { createPrivateKey, createPublicKey } from 'node:crypto';
import { bumpCacheVersion } from '../../../adapters/knex/knex-cache-versions.js';
import type { Knex } from 'knex';
import { OperStatus } from '../../../core/index.js';
import { type ImportKind, checkUniqueIds, existingIds } from './import-kind.js';
import { RowReader } from './row-reader.js';

const MAX_ID = 2_147_483_647;
const APPID = /^wx[0-9A-Za-z]{16}$/;
const PAY_ACCOUNT = ['pay_mchid', 'pay_merchant_serial', 'pay_private_key', 'pay_api_v3_key'] as const;
const PLATFORM_KEY = ['pay_platform_public_key', 'pay_platform_serial'] as const;

/** The columns of `opers` an imported row sets (secrets sealed); absent groups are left as they are. */
type OperColumns = Record<string, string | number | null>;

/**
 * Operation centres with their mini program (`appid`, `app_secret`) and, optionally, their WeChat
 * Pay merchant account (`pay_mchid`, `pay_merchant_serial`, `pay_private_key` as PEM,
 * `pay_api_v3_key`: all four or none) and WeChat Pay's platform key (`pay_platform_public_key` as
 * PEM with `pay_platform_serial`, both or none; against the sandbox it is recorded at start).
 * The secrets are sealed with `SECRET_KEY` before anything is written and are never printed, not
 * even in a problem. Updating an oper (an existing `id`) keeps the groups the row leaves empty.
 */
export const operImport: ImportKind = {
  columns: ['id', 'name', 'status', 'appid', 'app_secret', ...PAY_ACCOUNT, ...PLATFORM_KEY],
  async plan(file, { db, secrets }, problems) {
    const read = file.records.map((record, index) => new RowReader(record, file.label(index), problems));
    const ids = read.map((row) => row.optionalInteger('id', 1, MAX_ID) ?? undefined);
    const given = checkUniqueIds(ids.map((id, index) => ({ id, label: read[index]!.label })), problems);
    const existing = await existingIds(db, 'opers', given);
    const appids = await appidOwners(db);
    const seenAppids = new Map<string, string>();
    const rows = read.map((row, index) => {
      const id = ids[index];
      const creating = id === undefined || !existing.has(id);
      const appid = row.text('appid', 32, true);
      if (appid !== '' && !APPID.test(appid)) row.problem('appid', `must be wx followed by 16 letters or digits, not ${JSON.stringify(appid)}`);
      const owner = appids.get(appid);
      if (owner !== undefined && owner !== id) row.problem('appid', `${appid} is already the mini program of oper ${owner}`);
      const twin = seenAppids.get(appid);
      if (twin) row.problem('appid', `${appid} is also the appid of ${twin}`);
      if (appid) seenAppids.set(appid, row.label);
      const columns: OperColumns = {
        ...(id === undefined ? {} : { id }),
        name: row.text('name', 64, true),
        status: row.choice('status', [OperStatus.Enabled, OperStatus.Disabled], OperStatus.Enabled),
        appid,
      };
      const secret = row.secret('app_secret', creating, (value) => (/^[\x21-\x7e]{16,128}$/.test(value) ? null : 'must be 16 to 128 visible ASCII characters'));
      if (secret) columns['app_secret_sealed'] = secrets.seal(secret);
      Object.assign(columns, payAccountOf(row, secrets), platformKeyOf(row));
      return { columns, creating };
    });
    const updated = rows.filter((row) => !row.creating).length;
    return {
      created: rows.length - updated,
      updated,
      async write(trx, progress) {
        for (const [index, { columns, creating }] of rows.entries()) {
          await writeOper(trx, columns, creating);
          progress(index + 1);
        }
      },
    };
  },
};

/** appid → id of every oper. */
async function appidOwners(db: Knex): Promise<Map<string, number>> {
  const rows = (await db('opers').select('id', 'appid')) as Array<{ id: number; appid: string }>;
  return new Map(rows.map((row) => [row.appid, Number(row.id)]));
}

function payAccountOf(row: RowReader, secrets: { seal(plain: string): string }): OperColumns {
  if (!PAY_ACCOUNT.some((field) => row.has(field))) return {};
  const missing = PAY_ACCOUNT.filter((field) => !row.has(field));
  if (missing.length > 0) row.problem(missing[0]!, `is required with the other pay_* fields (give ${PAY_ACCOUNT.join(', ')}, or none)`);
  const privateKey = row.secret('pay_private_key', false, (pem) => (isRsaPrivateKey(pem) ? null : 'must be an RSA private key in PEM'));
  const apiV3Key = row.secret('pay_api_v3_key', false, (key) => (/^[\x21-\x7e]{32}$/.test(key) ? null : 'must be 32 visible ASCII characters'));
  return {
    pay_mchid: row.text('pay_mchid', 32),
    pay_merchant_serial: row.text('pay_merchant_serial', 64),
    pay_private_key_sealed: privateKey ? secrets.seal(privateKey) : null,
    pay_api_v3_key_sealed: apiV3Key ? secrets.seal(apiV3Key) : null,
  };
}

function platformKeyOf(row: RowReader): OperColumns {
  if (!PLATFORM_KEY.some((field) => row.has(field))) return {};
  const missing = PLATFORM_KEY.filter((field) => !row.has(field));
  if (missing.length > 0) row.problem(missing[0]!, `is required with ${PLATFORM_KEY.find((field) => row.has(field))}`);
  const pem = row.text('pay_platform_public_key', 4096);
  if (pem && !isPublicKey(pem)) row.problem('pay_platform_public_key', 'must be a public key in PEM');
  return { pay_platform_public_key: pem || null, pay_platform_serial: row.text('pay_platform_serial', 128) || null };
}

function isRsaPrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

function isPublicKey(pem: string): boolean {
  try {
    createPublicKey(pem);
    return true;
  } catch {
    return false;
  }
}

async function writeOper(trx: Knex.Transaction, columns: OperColumns, creating: boolean): Promise<void> {
  const at = Date.now();
  if (creating) {
    await trx('opers').insert({ ...columns, created_at: at, updated_at: at });
  } else {
    const { id, ...changes } = columns;
    await trx('opers').where({ id }).update({ ...changes, updated_at: at });
  }
  // Every instance keeps opers in memory behind this version (README: caches).
  await bumpCacheVersion(trx, 'opers');
}
