import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_APPS, type SandboxMiniProgram } from './demo-apps.js';
import { createSandboxApp } from './sandbox-app.js';
import type { PayStateOptions } from './pay-state.js';
import type { SandboxLogger } from './sandbox-logger.js';
import { createSandboxState, releaseSandboxState } from './sandbox-state.js';

/** Where and how to serve the sandbox alone. */
export interface SandboxServerOptions {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  readonly host: string;
  /** The mini programs the sandbox knows; `DEMO_APPS` by default. */
  readonly apps?: ReadonlyArray<SandboxMiniProgram>;
  readonly logger?: SandboxLogger;
  /** How long `fault-timeout` holds its answer (default 30 000 ms). */
  readonly holdMs?: number;
  /** WeChat Pay's notification retries and timings (short ones in tests). */
  readonly pay?: PayStateOptions;
  /** Access tokens' lifetime in seconds (default 7 200; short ones in a client's tests). */
  readonly tokenTtlSeconds?: number;
  /** The clock of access tokens and mini-program codes (default the system's). */
  readonly now?: () => Date;
}

/** A running sandbox server. */
export interface RunningSandbox {
  /** Base address, e.g. `http://127.0.0.1:3100`: the value for `WECHAT_SANDBOX_URL`. */
  readonly url: string;
  /**
   * Releases held answers, abandons notification retries, stops accepting connections and
   * resolves once the server closed.
   */
  close(): Promise<void>;
}

const FORCE_CLOSE_AFTER_MS = 2_000;
const SWEEP_IDLE_EVERY_MS = 20;

/** Serves the sandbox alone on `host:port` and resolves once it listens. */
export async function startSandboxServer(options: SandboxServerOptions): Promise<RunningSandbox> {
  const state = createSandboxState({ pay: options.pay, tokenTtlSeconds: options.tokenTtlSeconds, now: options.now });
  const app = createSandboxApp({
    apps: options.apps ?? DEMO_APPS,
    state,
    logger: options.logger,
    holdMs: options.holdMs,
  });
  const server = createServer(app.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        releaseSandboxState(state);
        const force = setTimeout(() => server.closeAllConnections(), FORCE_CLOSE_AFTER_MS).unref();
        // Answers released just now (held, or waiting on a notification) leave keep-alive
        // connections idle only after they are sent: sweep them until the server has closed.
        const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_IDLE_EVERY_MS).unref();
        server.close((error) => {
          clearTimeout(force);
          clearInterval(sweep);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
