import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../apps/main.js', import.meta.url));

/** One log line of the app (pino JSON), or the raw text when a line is not JSON. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

/** The app as `npm start` runs it: a real process, started on a free port, its log lines kept. */
export class AppProcess {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<number | null>;
  private waiters: Array<() => void> = [];

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    let buffered = '';
    const keep = (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop()!;
      for (const text of complete.filter(Boolean)) this.lines.push(parseLine(text));
      this.waiters.forEach((wake) => wake());
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Starts `node dist/apps/main.js` with `env` (over APP_ENV=test, loopback, a free port) and waits for `listening`. */
  static async start(env: Record<string, string>): Promise<AppProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--enable-source-maps', MAIN], {
      env: { ...process.env, APP_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new AppProcess(child, `http://127.0.0.1:${port}`);
    process.once('exit', app.killLeftover);
    void app.exited.then(() => process.off('exit', app.killLeftover));
    await Promise.race([
      app.logged('listening', 90_000),
      app.exited.then((code) => {
        throw new Error(`the app exited with ${code} while starting:\n${app.transcript()}`);
      }),
    ]);
    return app;
  }

  /** Resolves with the first log line whose `msg` is `msg` (waiting for it to come), within `ms`. */
  logged(msg: string, ms = 20_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`no log line "${msg}" within ${ms} ms:\n${this.transcript()}`));
      }, ms);
      const check = () => {
        const line = this.lines.find((l) => l.msg === msg);
        if (!line) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(line);
      };
      this.waiters.push(check);
      check();
    });
  }

  /** The messages logged, in order. */
  messages(): string[] {
    return this.lines.map((l) => String(l.msg));
  }

  transcript(): string {
    return this.lines.slice(-40).map((l) => JSON.stringify(l)).join('\n');
  }

  /** SIGKILL if still running (cleanup after a failed test). */
  readonly killLeftover = () => {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  };
}

function parseLine(text: string): LogLine {
  try {
    return JSON.parse(text) as LogLine;
  } catch {
    return { msg: text };
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
