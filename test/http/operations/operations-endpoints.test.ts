import { type Server, createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createKnex } from '../../../adapters/knex/connect.js';
import { AppMetrics } from '../../../apps/http/operations/app-metrics.js';
import { OperationsEndpoints, isLoopbackCaller } from '../../../apps/http/operations/operations-endpoints.js';

function request(remoteAddress: string, headers: Record<string, string> = {}): IncomingMessage {
  return { headers, socket: { remoteAddress } as Socket } as IncomingMessage;
}

describe('isLoopbackCaller', () => {
  it('is true for loopback addresses without forwarding headers', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackCaller(request(address)), address).to.equal(true);
  });

  it('is false for other addresses, and for loopback ones that forward someone else', () => {
    for (const address of ['10.0.0.1', '192.168.1.9', '::ffff:10.0.0.1', 'fe80::1', '']) expect(isLoopbackCaller(request(address)), address).to.equal(false);
    expect(isLoopbackCaller(request('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' }))).to.equal(false);
    expect(isLoopbackCaller(request('::1', { forwarded: 'for=127.0.0.1' }))).to.equal(false);
    expect(isLoopbackCaller(request('127.0.0.1', { 'x-real-ip': '127.0.0.1' }))).to.equal(false);
  });
});

describe('OperationsEndpoints readiness', () => {
  let db: Knex;
  let server: Server;
  let endpoints: OperationsEndpoints;
  let url: string;
  beforeEach(async () => {
    db = createKnex('sqlite::memory:');
    endpoints = new OperationsEndpoints({ db, metrics: new AppMetrics(), metricsPublic: false, databaseTimeoutMs: 500 });
    server = createServer((req, res) => void endpoints.handle(req, res, req.url ?? ''));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await db.destroy();
  });

  const readyz = async () => {
    const answer = await fetch(`${url}/readyz`);
    return { status: answer.status, body: (await answer.json()) as { status: string } };
  };

  it('is 503 while starting, 200 once ready, 503 again once stopping; /healthz is 200 throughout', async () => {
    expect(await readyz()).to.deep.equal({ status: 503, body: { status: 'starting' } });
    expect((await fetch(`${url}/healthz`)).status).to.equal(200);
    endpoints.ready();
    expect(await readyz()).to.deep.equal({ status: 200, body: { status: 'ready' } });
    endpoints.stopping();
    expect(await readyz()).to.deep.equal({ status: 503, body: { status: 'stopping' } });
    endpoints.ready();
    expect(endpoints.phase).to.equal('stopping');
    expect((await fetch(`${url}/healthz`)).status).to.equal(200);
  });

  it('is 503 when the database does not answer', async () => {
    endpoints.ready();
    await db.destroy();
    expect(await readyz()).to.deep.equal({ status: 503, body: { status: 'database unreachable' } });
  });
});
