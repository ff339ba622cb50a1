import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Container } from 'inversify';
import type { Knex } from 'knex';
import { SecretBox } from '../adapters/crypto/secret-box.js';
import { createKnex, describeDatabaseUrl } from '../adapters/knex/connect.js';
import { replaceAreas } from '../adapters/knex/knex-area-writer.js';
import { migrateLatest } from '../adapters/knex/migrate.js';
import { loadAreaDataset } from '../adapters/reference/area-dataset.js';
import { DEMO_APPS } from './shared/demo-accounts.js';
import { enrolMerchant } from './wechat-sandbox/pay-merchants.js';
import { createSandboxApp } from './wechat-sandbox/sandbox-app.js';
import { type SandboxState, createSandboxState, releaseSandboxState } from './wechat-sandbox/sandbox-state.js';
import { createGeocoder } from './composition/infrastructure.js';
import type { AppConfig } from './composition/config.js';
import { type Overrides, apiApp, buildContainer, jobTimers } from './composition/composition-root.js';
import { loadDemoData } from './composition/demo/load-demo-data.js';
import { createLogger } from './composition/logger.js';
import { drainable } from './http/server-drain.js';
import { enrolMerchants, enrolMerchantsInSandbox } from './composition/sandbox-enrolment.js';
import { AppMetrics } from './http/operations/app-metrics.js';
import { OperationsEndpoints } from './http/operations/operations-endpoints.js';
import { SANDBOX_PREFIX, infrastructureOf, wechatBaseUrl } from './composition/infrastructure.js';

export interface RunningServer {
  /** `http://127.0.0.1:<port>`: where this instance answers. */
  readonly url: string;
  readonly container: Container;
  readonly db: Knex;
  readonly metrics: AppMetrics;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Starts one app instance: migrates the database, loads the area tree, loads demo data into an
 * empty database (outside production), mounts the WeChat sandbox when no other is named and
 * enrols the merchant accounts there, serves the API, sweeps unpaid orders, sends purchase notices
 * and purges expired rows.
 */
export async function startServer(config: AppConfig, overrides: Overrides = {}): Promise<RunningServer> {
  const logger = overrides.logger ?? createLogger(config.logLevel, { destination: overrides.logDestination });
  const secrets = new SecretBox(config.secretKey);
  const db = createKnex(config.databaseUrl, { onWarning: knexWarningsTo(logger) });
  let server: Server | null = null;
  let sandboxState: SandboxState | null = null;
  const metrics = new AppMetrics();
  metrics.observePool(db);
  const operations = new OperationsEndpoints({ db, metrics, metricsPublic: config.metricsPublic });
  try {
    await reachDatabase(db, config.databaseUrl);
    await migrateLatest(db);
    await replaceAreas(db, loadAreaDataset());
    if (config.loadDemoData) await loadDemoData(db, { secrets, now: overrides.clock?.now() ?? new Date(), logger });
    const geocoder = overrides.geocoder ?? (await createGeocoder(config, logger));

    const mountSandbox = config.wechatMode === 'sandbox' && !config.wechatSandboxUrl;
    // Under test, the mounted sandbox retries refused notifications quickly (WeChat waits longer).
    const pay = config.appEnv === 'test' ? { notifyRetryDelaysMs: [20, 50, 100] } : {};
    sandboxState = mountSandbox ? createSandboxState({ pay }) : null;
    const sandbox: Handler | null = sandboxState ? createSandboxApp({ apps: DEMO_APPS, state: sandboxState }).callback() : null;
    // Merchant accounts are enrolled in this run's WeChat Pay sandbox: the mounted one in this
    // process, another over HTTP.
    const mounted = sandboxState;
    if (mounted) await enrolMerchants(db, secrets, (enrolment) => enrolMerchant(mounted.pay, enrolment), logger);
    else if (config.wechatMode === 'sandbox' && config.wechatSandboxUrl) {
      await enrolMerchantsInSandbox(db, secrets, `${config.wechatSandboxUrl}${SANDBOX_PREFIX}`, logger);
    }

    let api: Handler | null = null;
    server = createServer((req, res) => {
      const path = (req.url ?? '').split('?', 1)[0]!;
      if (operations.handles(path)) return void operations.handle(req, res, path).catch(() => res.writeHead(500).end());
      if (sandbox && (req.url ?? '').startsWith(SANDBOX_PREFIX)) return void sandbox(req, res);
      if (api) return void api(req, res);
      res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8' }).end('{"code":500,"message":"服务启动中"}');
    });
    const drain = drainable(server);
    const compose = (appUrl: string): Container => {
      const built = buildContainer({ ...infrastructureOf(config, logger, db, appUrl, geocoder, secrets), metrics }, overrides);
      api = apiApp(built).callback();
      return built;
    };
    // The API exists before the server listens, so no request meets the start-up answer. Only when
    // the system picks the port (PORT=0: the tests) is the app's own address (the mounted sandbox's
    // and the notifications' base) known after listening; then the API follows at once.
    let container: Container;
    if (config.port !== 0) {
      container = compose(`http://127.0.0.1:${config.port}`);
      await listen(server, config.port, config.host);
    } else {
      await listen(server, config.port, config.host);
      container = compose(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sandboxBase = wechatBaseUrl(config, url);
    const timers = jobTimers(container);
    timers.start();
    operations.ready();
    logger.info({ url, host: config.host, appEnv: config.appEnv, wechat: sandbox ? 'sandbox (mounted)' : sandboxBase ?? 'live' }, 'listening');
    if (sandbox && !isLoopback(config.host)) {
      logger.warn({ host: config.host }, 'the mounted WeChat sandbox, which can mark orders paid, is reachable from other machines');
    }

    return {
      url,
      container,
      db,
      metrics,
      async close() {
        // API.md, shutdown: stop accepting, let requests in flight finish (up to the grace), stop
        // the timers, then close the database. A mounted sandbox lets go of the answers it holds.
        logger.info({ inFlight: drain.inFlight, graceMs: config.shutdownGraceMs }, 'shutting down');
        operations.stopping();
        if (sandboxState) releaseSandboxState(sandboxState);
        const outcome = await drain.drain(config.shutdownGraceMs);
        if (outcome === 'cut-off') logger.warn({ graceMs: config.shutdownGraceMs }, 'requests still in flight were cut off after the grace');
        else logger.info('requests in flight finished');
        await timers.stop();
        logger.info('timers stopped');
        await db.destroy();
        logger.info('database closed');
      },
    };
  } catch (error) {
    if (sandboxState) releaseSandboxState(sandboxState);
    server?.close();
    await db.destroy();
    throw error;
  }
}

/** Fails with one readable line (no password) when the database cannot be reached at start. */
async function reachDatabase(db: Knex, databaseUrl: string): Promise<void> {
  try {
    await db.raw('SELECT 1');
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`cannot reach the database ${describeDatabaseUrl(databaseUrl)}: ${reason}`);
  }
}

/**
 * knex's warnings as log lines without stacks. A failed connection attempt is only `debug`: the
 * query that needed it fails too, and that failure is what is logged (or what stops the start).
 */
function knexWarningsTo(logger: ReturnType<typeof createLogger>): (message: string) => void {
  return (message) => {
    const line = message.split('\n')[0]!;
    if (line.startsWith('Acquire connection error')) logger.debug({ knex: line }, 'database connection failed');
    else logger.warn({ knex: line }, 'knex warning');
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}
