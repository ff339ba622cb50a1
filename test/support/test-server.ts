import { type AppConfig, loadConfig } from '../../apps/composition/config.js';
import type { Overrides } from '../../apps/composition/composition-root.js';
import { type RunningServer, startServer } from '../../apps/start-app.js';
import { ApiClient } from './http-client.js';
import { SQLITE, type TestDatabase, emptyTestDatabase } from './test-databases.js';

export interface TestServer extends RunningServer {
  readonly api: ApiClient;
  readonly config: AppConfig;
}

/**
 * The real app on an ephemeral loopback port, on a fresh database of `database` (an in-memory
 * SQLite by default; a MySQL one is emptied of this project's tables first) with the demo data and
 * the mounted sandbox, unless `env` says otherwise. `close()` stops the server and its knex pool.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  overrides: Overrides = {},
  database: TestDatabase = SQLITE,
): Promise<TestServer> {
  const config = loadConfig({
    APP_ENV: 'test',
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    // Caches check their versions on every request, so a test sees a change at once.
    CACHE_SECONDS: '0',
    ...env,
  });
  if (config.databaseUrl === database.url) await emptyTestDatabase(database);
  const running = await startServer(config, overrides);
  return { ...running, close: () => running.close(), api: new ApiClient(running.url), config };
}
