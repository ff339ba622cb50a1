import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCliContext } from '../../apps/cli/cli-context.js';
import { runCli } from '../../apps/cli/cli-program.js';
import { type TestDatabase, emptyTestDatabase } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

const MAIN = fileURLToPath(new URL('../../apps/cli/main.js', import.meta.url));

/**
 * The operator CLI against the database of a running test server, with the environment an
 * operator would give it (the server's database and port, so that WeChat Pay calls reach the
 * sandbox the server mounts).
 */
export class CliHarness {
  constructor(
    /** The app the CLI works beside (its sandbox answers WeChat Pay queries). */
    private readonly appUrl: string,
    private readonly database: TestDatabase,
    /** Holds the import files (and the SQLite database); removed by {@link dispose}. */
    readonly folder: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  get env(): Record<string, string> {
    return { APP_ENV: 'test', DATABASE_URL: this.database.url, PORT: new URL(this.appUrl).port, LOG_LEVEL: 'silent', ...this.extraEnv };
  }

  /** The same CLI with more environment variables. */
  withEnv(extra: Record<string, string>): CliHarness {
    return new CliHarness(this.appUrl, this.database, this.folder, { ...this.extraEnv, ...extra });
  }

  /** Runs a command in this process (the composition opened and closed as `main` does). */
  async run(...argv: string[]): Promise<CliRun> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, () => openCliContext(this.env));
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  /** Runs `node dist/apps/cli/main.js …` as its own process, as `npm run cli --` does. */
  spawn(...argv: string[]): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [MAIN, ...argv], { env: { PATH: process.env['PATH'] ?? '', ...this.env } });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
    });
  }

  /** Writes an import file into the harness's folder and returns its path. */
  file(name: string, content: string | unknown[]): string {
    const path = join(this.folder, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  }

  dispose(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/**
 * A test server on `base` with the CLI beside it. SQLite becomes a file in the harness's folder,
 * for the server and the CLI to share (an in-memory database is one connection's).
 */
export async function startServerWithCli(base: TestDatabase, env: Record<string, string> = {}): Promise<{ server: TestServer; cli: CliHarness }> {
  const folder = mkdtempSync(join(tmpdir(), 'o2o-cli-'));
  const database: TestDatabase = base.name === 'sqlite' ? { name: 'sqlite', url: `sqlite:${join(folder, 'o2o.sqlite')}` } : base;
  const server = await startTestServer(env, {}, database);
  return { server, cli: new CliHarness(server.url, database, folder) };
}

/** The CLI alone on an empty database of `base` (no server running). */
export async function cliOnEmptyDatabase(base: TestDatabase): Promise<CliHarness> {
  const folder = mkdtempSync(join(tmpdir(), 'o2o-cli-'));
  const database: TestDatabase = base.name === 'sqlite' ? { name: 'sqlite', url: `sqlite:${join(folder, 'o2o.sqlite')}` } : base;
  await emptyTestDatabase(database);
  return new CliHarness('http://127.0.0.1:9', database, folder);
}
