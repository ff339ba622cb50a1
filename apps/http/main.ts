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
  // One line per problem, so that a careless deployment learns everything it must fix at once.
  const reasons = error instanceof ConfigError ? error.problems : [error instanceof Error ? error.message : String(error)];
  for (const reason of reasons) process.stderr.write(`o2o-user-api failed to start: ${reason}\n`);
  process.exit(1);
});
