import fc from 'fast-check';
import { expect } from 'chai';
import { apiRoutes } from '../../apps/composition/composition-root.js';
import { listRoutes } from '../../apps/http/edge/route-listing.js';
import { type CapturedLogger, capturedLogger } from '../adapters/support/captured-logger.js';
import { APP1, APP2 } from '../support/http-client.js';
import { Shopper } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';
import { type Answer, CODES_THAT_MAY_WRITE, bridgeStatus, envelopeCode, notificationRefused } from './answer-checks.js';
import { FUZZ, checkProperty } from './fuzz-settings.js';
import { type ApiRoute, type HostileRequest, apiRequest, bridgeRequest, notificationRequest, unknownApiRequest } from './hostile-requests.js';
import type { ObjectSchema } from './schema-values.js';
import { changedTables, snapshot, writableTables } from './table-snapshot.js';

/** Cases per property inside `npm test`: a bounded run (FUZZ_RUNS overrides). */
const RUNS = { perRoute: 40, unknown: 40, bridge: 80, notifications: 80 };

for (const database of testDatabases()) {
  describe(`generated hostile input on every route [${database.name}, seed ${FUZZ.seed}]`, function () {
    this.timeout(FUZZ.runs > 0 ? 0 : 120_000);
    let server: TestServer;
    let log: CapturedLogger;
    let tables: string[] = [];
    let tokens: string[] = [];
    let routes: ApiRoute[] = [];

    before(async () => {
      log = capturedLogger();
      // No periodic job may write between a snapshot and the next (RECONCILE_SECONDS once reconciliation exists).
      server = await startTestServer(
        { ORDER_SWEEP_SECONDS: '0', HOUSEKEEPING_MINUTES: '0', RECONCILE_SECONDS: '0', SMS_HOURLY_PER_IP: '100000' },
        { logger: log.logger },
        database,
      );
      tables = await writableTables(server.db);
      // A bound user, a token without a user, and a user of the other mini program.
      const demo = await Shopper.login(server, APP1, 'user');
      tokens = [demo.token, (await server.api.wxLogin(APP1, 'nobody-yet')).token, (await Shopper.login(server, APP2, 'fuzzer', '13700001234')).token];
      await demo.buy('双人涮肉套餐');
      // Every described route, from the routers themselves: a new route is covered without new code here.
      routes = apiRoutes(server.container)
        .userRoutes.flatMap((router) => listRoutes(router, '/api/user'))
        .map(({ method, path, description }) => ({ method, path, schema: description!.params as ObjectSchema }));
    });
    after(async () => server?.close());
    afterEach(() => {
      // No request, whatever it held, made the server log an error (a 500 anywhere would).
      expect(log.entries().filter((entry) => Number(entry['level']) >= 50).map((e) => e['msg'])).to.deep.equal([]);
    });

    const send = async (request: HostileRequest): Promise<Answer> => {
      const response = await fetch(`${server.url}${request.target}`, { method: request.method, headers: request.headers, ...(request.body ? { body: request.body } : {}) });
      return { status: response.status, headers: response.headers, text: await response.text() };
    };

    /** Sends `request`, checks the answer with `check`, and that nothing was written unless `mayWrite` says so. */
    const probe = async (request: HostileRequest, check: (answer: Answer) => boolean): Promise<void> => {
      const before = await snapshot(server.db, tables);
      const answer = await send(request).catch((error: unknown) => {
        throw new Error(`${request.label}\n  no answer: ${String(error)}`);
      });
      let mayWrite: boolean;
      try {
        mayWrite = check(answer);
      } catch (error) {
        throw new Error(`${request.label}\n  ${error instanceof Error ? error.message : String(error)}`);
      }
      if (mayWrite) return;
      const changed = changedTables(before, await snapshot(server.db, tables));
      if (changed.length > 0) throw new Error(`${request.label}\n  answered ${answer.text.slice(0, 200)} yet changed ${changed.join(', ')}`);
    };
    const apiCheck = (answer: Answer) => CODES_THAT_MAY_WRITE.has(envelopeCode(answer));

    it('finds the routes to cover (so the properties below check something)', () => {
      expect(routes.length).to.be.greaterThan(15);
      expect(tables).to.include.members(['orders', 'sessions', 'users']);
    });

    it('answers every described API route with the envelope and a specific code, and a refusal writes nothing', async () => {
      for (const route of routes) {
        await checkProperty(`${route.method} ${route.path}`, fc.asyncProperty(apiRequest(route, tokens), (request) => probe(request, apiCheck)), RUNS.perRoute);
      }
    });

    it('answers unknown API paths with 10000 whatever they hold', async () => {
      await checkProperty('unknown routes', fc.asyncProperty(unknownApiRequest, (request) => probe(request, (a) => {
        const code = envelopeCode(a);
        if (code !== 10000) throw new Error(`code ${code} instead of 10000`);
        return false;
      })), RUNS.unknown);
    });

    it('answers the bridge page with a page or a readable 4xx refusal, never 5xx', async () => {
      await checkProperty('bridge page', fc.asyncProperty(bridgeRequest(tokens), (request) => probe(request, (a) => bridgeStatus(a) === 200)), RUNS.bridge);
    });

    it('refuses unsigned, malformed and oversized notifications with WeChat’s FAIL body and a 4xx, writing nothing', async () => {
      await checkProperty('notifications', fc.asyncProperty(notificationRequest, (request) => probe(request, (a) => {
        notificationRefused(a);
        return false;
      })), RUNS.notifications);
    });
  });
}

