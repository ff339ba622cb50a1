import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { createKnex } from '../../adapters/knex/connect.js';
import { type RunningSandbox, startSandboxServer } from '../../apps/wechat-sandbox/sandbox-server.js';
import { AppProcess, freePort } from '../support/app-process.js';
import { ApiClient } from '../support/http-client.js';
import { type TestDatabase, emptyTestDatabase } from '../support/test-databases.js';

/**
 * One database, one WeChat sandbox that outlives the app, and the app as a real process that can
 * be killed at a crash point (`CRASH_AT`) and started again on the same database and address, as
 * an instance restarted after a crash. The sandbox retries no notification by itself: a test
 * delivers WeChat's retries when it means to (`/succeed` again), so none is lost while the app is down.
 */
export class CrashWorld {
  private app: AppProcess | null = null;

  private constructor(
    readonly databaseUrl: string,
    readonly sandbox: RunningSandbox,
    readonly port: number,
    private readonly dir: string,
    readonly db: Knex,
  ) {}

  static async open(database: TestDatabase): Promise<CrashWorld> {
    const dir = mkdtempSync(join(tmpdir(), 'o2o-crash-'));
    const databaseUrl = database.name === 'sqlite' ? `sqlite:${join(dir, 'crash.sqlite')}` : database.url;
    await emptyTestDatabase({ name: database.name, url: databaseUrl });
    const sandbox = await startSandboxServer({ port: 0, host: '127.0.0.1', pay: { notifyRetryDelaysMs: [] } });
    return new CrashWorld(databaseUrl, sandbox, await freePort(), dir, createKnex(databaseUrl));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get api(): ApiClient {
    return new ApiClient(this.url);
  }

  /**
   * Starts the app, set to crash at `crashAt` if given, with `env` over the world's settings (the
   * sweeps and the reconciliation off); one still running is shut down first (SIGTERM).
   */
  async start(crashAt?: string, env: Record<string, string> = {}): Promise<AppProcess> {
    if (this.app) {
      if (this.app.child.exitCode === null && this.app.child.signalCode === null) this.app.child.kill('SIGTERM');
      await this.app.exited;
    }
    this.app = await AppProcess.start({
      DATABASE_URL: this.databaseUrl,
      PORT: String(this.port),
      PUBLIC_BASE_URL: this.url,
      WECHAT_SANDBOX_URL: this.sandbox.url,
      ORDER_SWEEP_SECONDS: '0',
      HOUSEKEEPING_MINUTES: '0',
      RECONCILE_SECONDS: '0',
      ...env,
      ...(crashAt ? { CRASH_AT: crashAt } : {}),
    });
    return this.app;
  }

  /** The app started last (running, or dead at its crash point). */
  running(): AppProcess {
    if (!this.app) throw new Error('no app was started');
    return this.app;
  }

  /** Kills the running app from outside (SIGKILL, at whatever moment it is) and waits for it to be gone. */
  async kill(): Promise<void> {
    this.app?.killLeftover();
    await this.app?.exited;
  }

  /** Waits for the running app to die by its crash point; throws if it exited any other way. */
  async crashed(): Promise<void> {
    const app = this.app!;
    await app.exited;
    if (app.child.signalCode !== 'SIGKILL' || !app.messages().includes('crash point reached')) {
      throw new Error(`the app did not die at its crash point (${app.child.exitCode ?? app.child.signalCode}):\n${app.transcript()}`);
    }
  }

  /** Takes the money for `orderNo` in the sandbox and has it notify (again, when repeated: WeChat's retry). */
  async wechatPays(orderNo: string): Promise<number> {
    const response = await fetch(`${this.sandbox.url}/wechat-sandbox/pay/${orderNo}/succeed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    await response.text();
    return response.status;
  }

  transcript(): string {
    return this.app?.transcript() ?? '';
  }

  async close(): Promise<void> {
    this.app?.killLeftover();
    if (this.app) await this.app.exited;
    await this.db.destroy();
    await this.sandbox.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Probes until `accept` holds (each probe a real read), returning the last value; throws if it never does. */
export async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (accept(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the condition never held: ${JSON.stringify(await probe())}`);
}
