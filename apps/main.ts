import { ConfigError, loadConfig } from './composition/config.js';
import { startServer } from './start-app.js';

/**
 * `npm start`: one app instance, configured by the environment (see README). SIGTERM or SIGINT
 * shuts it down gracefully and exits 0 (1 if closing failed); a second signal exits at once.
 */
async function main(): Promise<void> {
  const running = await startServer(loadConfig());
  const stop = () => {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    process.once('SIGINT', () => process.exit(1)).once('SIGTERM', () => process.exit(1));
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`o2o-user-api did not close cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // One line per problem, so that a careless deployment learns everything it must fix at once.
  const reasons = error instanceof ConfigError ? error.problems : [error instanceof Error ? error.message : String(error)];
  for (const reason of reasons) process.stderr.write(`o2o-user-api failed to start: ${reason}\n`);
  process.exit(1);
});
