import { type AppConfig, loadConfig } from '../../apps/http/config.js';
import type { Overrides } from '../../apps/http/container.js';
import { type RunningServer, startServer } from '../../apps/http/server.js';
import { ApiClient } from './http-client.js';

export interface TestServer extends RunningServer {
  readonly api: ApiClient;
  readonly config: AppConfig;
}

/**
 * The real app on an ephemeral loopback port, on a fresh in-memory SQLite with the demo data and
 * the mounted sandbox, unless `env` says otherwise.
 */
export async function startTestServer(env: Record<string, string> = {}, overrides: Overrides = {}): Promise<TestServer> {
  const config = loadConfig({
    APP_ENV: 'test',
    DATABASE_URL: 'sqlite::memory:',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const running = await startServer(config, overrides);
  return { ...running, close: () => running.close(), api: new ApiClient(running.url), config };
}
