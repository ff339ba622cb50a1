import { createPublicKey } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import { listMerchantAccounts, setPlatformKey } from '../../adapters/knex/knex-oper-writer.js';

/** A merchant account as the WeChat Pay sandbox enrols it (the body of its `POST /merchants`). */
export interface MerchantEnrolment {
  readonly mchid: string;
  readonly merchantSerial: string;
  readonly merchantPublicKey: string;
  readonly apiV3Key: string;
  readonly appids: readonly string[];
}

/** Hands an enrolment to the sandbox and answers its platform key, or why it was refused. */
export type EnrolmentDelivery = (enrolment: MerchantEnrolment) => Promise<{ platformPublicKey: string; platformSerial: string } | string>;

/**
 * In sandbox mode, introduces every oper's merchant account to the WeChat Pay sandbox (its public
 * key, serial, API v3 key and appid), as a merchant does on WeChat's merchant platform, and
 * records the platform key the sandbox answers with. Idempotent: every instance does it at start.
 * `deliver` reaches the sandbox: over HTTP (`overHttp`), or in the process that mounts it.
 */
export async function enrolMerchants(db: Knex, secrets: SecretBox, deliver: EnrolmentDelivery, logger: Logger): Promise<number> {
  const accounts = await listMerchantAccounts(db);
  for (const account of accounts) {
    const answer = await deliver({
      mchid: account.mchid,
      merchantSerial: account.merchantSerial,
      merchantPublicKey: createPublicKey(secrets.open(account.sealedPrivateKey)).export({ type: 'spki', format: 'pem' }).toString(),
      apiV3Key: secrets.open(account.sealedApiV3Key),
      appids: [account.appid],
    });
    if (typeof answer === 'string') throw new Error(`the WeChat Pay sandbox refused merchant ${account.mchid}: ${answer}`);
    await setPlatformKey(db, account.operId, answer.platformPublicKey, answer.platformSerial, new Date());
  }
  logger.info({ merchants: accounts.length }, 'merchant accounts enrolled in the WeChat Pay sandbox');
  return accounts.length;
}

/** Enrolments posted to the sandbox answering at `sandboxBaseUrl` (another process). */
export function overHttp(sandboxBaseUrl: string): EnrolmentDelivery {
  return async (enrolment) => {
    const response = await fetch(`${sandboxBaseUrl}/merchants`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(enrolment),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return `HTTP ${response.status}`;
    return (await response.json()) as { platformPublicKey: string; platformSerial: string };
  };
}

/** `enrolMerchants` over HTTP to the sandbox at `sandboxBaseUrl`. */
export function enrolMerchantsInSandbox(db: Knex, secrets: SecretBox, sandboxBaseUrl: string, logger: Logger): Promise<number> {
  return enrolMerchants(db, secrets, overHttp(sandboxBaseUrl), logger);
}
