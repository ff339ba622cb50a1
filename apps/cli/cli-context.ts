import type { Container } from 'inversify';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { OfflineGeocoder } from '../../adapters/geo/offline-geocoder.js';
import { createKnex, describeDatabaseUrl } from '../../adapters/knex/connect.js';
import { type AppConfig, loadConfig } from '../composition/config.js';
import { createLogger } from '../composition/logger.js';
import { pino } from 'pino';
import { type Overrides, buildContainer } from '../composition/composition-root.js';
import { infrastructureOf } from '../composition/infrastructure.js';

/** What every command works with: the app's configuration, database and composition. */
export interface CliContext {
  readonly config: AppConfig;
  readonly db: Knex;
  readonly logger: Logger;
  /** The app's composition root over this database (use cases, WeChat Pay, SecretBox, …). */
  readonly container: Container;
  close(): Promise<void>;
}

/** Where commands write: human lines on `out`, problems on `err` (both replaceable in tests). */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export const processOutput: CliOutput = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

/**
 * Opens the database of `DATABASE_URL` with the configuration the app reads (same variables, same
 * checks) and builds the app's container on it, so that a command runs the same use cases and
 * adapters as the server, beside a server running on the same database.
 *
 * WeChat calls go where the app's go: in sandbox mode to `WECHAT_SANDBOX_URL`, else to the sandbox
 * that the app serving on `PORT` of this machine mounts; live WeChat otherwise. Logs are JSON lines
 * on stderr at `warn` unless `LOG_LEVEL` says otherwise. The geocoder is the offline one, read on
 * first use (the merchants import fills and checks areas with it, without calling any service).
 */
export function openCliContext(env: NodeJS.ProcessEnv = process.env, overrides: Overrides = {}): CliContext {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...env });
  const logger = createLogger(config.logLevel, { service: 'o2o-cli', destination: pino.destination({ dest: 2, sync: true }) });
  const db = createKnex(config.databaseUrl, { onWarning: (message) => logger.warn({ knex: message.split('\n')[0] }, 'knex warning') });
  const appUrl = `http://127.0.0.1:${config.port}`;
  const container = buildContainer(infrastructureOf(config, logger, db, appUrl, OfflineGeocoder.lazy()), overrides);
  return {
    config,
    db,
    logger,
    container,
    close: () => db.destroy(),
  };
}

/** The database a context works on, without its password, for messages. */
export function databaseOf(context: CliContext): string {
  return describeDatabaseUrl(context.config.databaseUrl);
}
