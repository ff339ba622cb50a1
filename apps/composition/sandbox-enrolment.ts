import { createPublicKey } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import { listMerchantAccounts, setPlatformKey } from '../../adapters/knex/knex-oper-writer.js';

/**
 * In sandbox mode, introduces every oper's merchant account to the WeChat Pay sandbox (its public
 * key, serial, API v3 key and appid), as a merchant does on WeChat's merchant platform, and
 * records the platform key the sandbox answers with. Idempotent: every instance does it at start.
 */
export async function enrolMerchantsInSandbox(db: Knex, secrets: SecretBox, sandboxBaseUrl: string, logger: Logger): Promise<number> {
  const accounts = await listMerchantAccounts(db);
  for (const account of accounts) {
    const merchantPublicKey = createPublicKey(secrets.open(account.sealedPrivateKey)).export({ type: 'spki', format: 'pem' }).toString();
    const response = await fetch(`${sandboxBaseUrl}/merchants`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        mchid: account.mchid,
        merchantSerial: account.merchantSerial,
        merchantPublicKey,
        apiV3Key: secrets.open(account.sealedApiV3Key),
        appids: [account.appid],
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`the WeChat Pay sandbox refused merchant ${account.mchid}: HTTP ${response.status}`);
    const { platformPublicKey, platformSerial } = (await response.json()) as { platformPublicKey: string; platformSerial: string };
    await setPlatformKey(db, account.operId, platformPublicKey, platformSerial, new Date());
  }
  logger.info({ merchants: accounts.length }, 'merchant accounts enrolled in the WeChat Pay sandbox');
  return accounts.length;
}
