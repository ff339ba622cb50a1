import { startSandboxServer } from './sandbox-server.js';

/** `LOG_LEVEL`s at which the sandbox's line per call is not written (errors always are). */
const QUIET_LEVELS = new Set(['warn', 'error', 'fatal', 'silent']);

/**
 * `npm run sandbox`: serves the WeChat sandbox alone on `SANDBOX_HOST` (default 127.0.0.1) and
 * `SANDBOX_PORT` (default 3100), and closes cleanly on SIGINT or SIGTERM. `LOG_LEVEL=warn` (or
 * higher) leaves out the line written per call, as a benchmark wants.
 */
async function main(): Promise<void> {
  const port = parsePort(process.env.SANDBOX_PORT ?? '3100');
  const host = process.env.SANDBOX_HOST || '127.0.0.1';
  const quiet = QUIET_LEVELS.has(process.env.LOG_LEVEL ?? '');
  const sandbox = await startSandboxServer({
    port,
    host,
    logger: { info: quiet ? () => undefined : (line) => console.log(line), error: (line) => console.error(line) },
  });
  console.log(`wechat sandbox listening on ${sandbox.url}/wechat-sandbox`);
  const stop = (signal: NodeJS.Signals): void => {
    console.log(`wechat sandbox: ${signal}, closing`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`wechat sandbox: close failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) {
    throw new Error(`SANDBOX_PORT must be an integer from 0 to 65535, got "${raw}"`);
  }
  return port;
}

main().catch((error: unknown) => {
  console.error(`wechat sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
