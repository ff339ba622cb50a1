import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { Result } from 'o2o-miniprogram-client';
import type { TestServer } from '../support/test-server.js';

/** The data of an `ok` result, or a failed test saying what came back instead. */
export function dataOf<T>(result: Result<T>): T {
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.data;
}

/** Expires every session of the server's database, as thirty days would. */
export async function expireSessions(server: TestServer, token?: string): Promise<void> {
  const rows = server.db('sessions');
  if (token) rows.where({ token_hash: createHash('sha256').update(token).digest('hex') });
  expect(await rows.update({ expires_at: 1 })).to.be.greaterThan(0);
}

