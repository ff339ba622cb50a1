import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

/** `npm start`: one app instance, configured by the environment (see README). */
async function main(): Promise<void> {
  const running = await startServer(loadConfig());
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const reason = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`o2o-user-api failed to start: ${reason}\n`);
  process.exit(1);
});
