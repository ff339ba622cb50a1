import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Container } from 'inversify';
import type { Knex } from 'knex';
import type Koa from 'koa';
import { SecretBox } from '../../adapters/crypto/secret-box.js';
import { createKnex } from '../../adapters/knex/connect.js';
import { migrateLatest } from '../../adapters/knex/migrate.js';
import { DEMO_APPS } from '../wechat-sandbox/demo-apps.js';
import { createSandboxApp } from '../wechat-sandbox/sandbox-app.js';
import { createApiApp } from './api-app.js';
import { type AppConfig, testBehavioursEnabled } from './config.js';
import { type Overrides, buildContainer } from './container.js';
import { loadDemoData } from './demo/load-demo-data.js';
import { createLogger } from './logger.js';
import { identityRoutes } from './routes/identity-routes.js';
import { TOKENS as T } from './tokens.js';

export interface RunningServer {
  /** `http://127.0.0.1:<port>`: where this instance answers. */
  readonly url: string;
  readonly container: Container;
  readonly db: Knex;
  close(): Promise<void>;
}

const SANDBOX_PREFIX = '/wechat-sandbox';

/**
 * Starts one app instance: migrates the database, loads demo data into an empty one (outside
 * production), mounts the WeChat sandbox when no other is named, and serves the API.
 */
export async function startServer(config: AppConfig, overrides: Overrides = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const db = createKnex(config.databaseUrl);
  try {
    await migrateLatest(db);
    if (config.loadDemoData) await loadDemoData(db, { secrets: new SecretBox(config.secretKey), now: overrides.clock?.now() ?? new Date(), logger });
  } catch (error) {
    await db.destroy();
    throw error;
  }

  const sandbox = config.wechatMode === 'sandbox' && !config.wechatSandboxUrl ? createSandboxApp({ apps: DEMO_APPS }).callback() : null;
  let api: ((req: IncomingMessage, res: ServerResponse) => unknown) | null = null;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (sandbox && (req.url ?? '').startsWith(SANDBOX_PREFIX)) return void sandbox(req, res);
    if (api) return void api(req, res);
    res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8' }).end('{"code":500,"message":"服务启动中"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const wechatApiBaseUrl =
    config.wechatMode === 'live' ? config.wechatApiBaseUrl : `${config.wechatSandboxUrl ?? url}${SANDBOX_PREFIX}`;

  const container = buildContainer({ config, logger, db, wechatApiBaseUrl }, overrides);
  const kit = { authenticate: container.get(T.Authenticate), allowAppidHeader: testBehavioursEnabled(config) };
  const apiApp: Koa = createApiApp({
    logger,
    trustProxy: config.trustProxy,
    bodyLimitBytes: config.bodyLimitBytes,
    userRoutes: [
      identityRoutes({
        kit,
        wxLogin: container.get(T.WxLogin),
        sendVerifyCode: container.get(T.SendVerifyCode),
        bindMobile: container.get(T.BindMobile),
        exposeVerifyCode: testBehavioursEnabled(config),
      }),
    ],
  });
  api = apiApp.callback();
  logger.info({ url, appEnv: config.appEnv, wechat: sandbox ? 'sandbox (mounted)' : config.wechatMode }, 'listening');

  return {
    url,
    container,
    db,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.destroy();
    },
  };
}
