/**
 * `npm run client:types`: starts the app on an in-memory database, reads the API document it
 * serves, and writes the mini-program client's types to `client/src/api.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../apps/composition/config.js';
import { startServer } from '../../apps/start-app.js';
import { clientTypesSource } from './client-types.js';

/** Where the generated file lives, from the project's root. */
export const CLIENT_TYPES_FILE = 'client/src/api.ts';

/** The API document as a freshly started app serves it. */
export async function servedDocument(): Promise<Parameters<typeof clientTypesSource>[0]> {
  const config = loadConfig({
    APP_ENV: 'test',
    DATABASE_URL: 'sqlite::memory:',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    ORDER_SWEEP_SECONDS: '0',
    HOUSEKEEPING_MINUTES: '0',
  });
  const server = await startServer(config);
  try {
    return (await (await fetch(`${server.url}/openapi.json`)).json()) as Parameters<typeof clientTypesSource>[0];
  } finally {
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = new URL(`../../../${CLIENT_TYPES_FILE}`, import.meta.url);
  writeFileSync(target, clientTypesSource(await servedDocument()));
  console.log(`wrote ${CLIENT_TYPES_FILE}`);
}
