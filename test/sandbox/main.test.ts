import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { APP_1, loginParams } from './sandbox-harness.js';

const MAIN = fileURLToPath(new URL('../../apps/wechat-sandbox/main.js', import.meta.url));

function run(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => (text += chunk));
  return () => text;
}

/** Resolves with the first line on stdout, reading on so the child never writes to a closed pipe. */
function firstLine(child: ChildProcess): Promise<string> {
  const stdout = collect(child.stdout);
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const text = stdout();
      const end = text.indexOf('\n');
      if (end < 0) return;
      child.stdout!.off('data', check);
      resolve(text.slice(0, end));
    };
    child.stdout!.on('data', check);
    child.once('exit', () => reject(new Error(`the sandbox exited before printing a line: ${stdout()}`)));
  });
}

describe('wechat sandbox main (npm run sandbox)', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves alone, logs its address in one line and exits 0 on ${signal}`, async () => {
      child = run({ SANDBOX_PORT: '0', SANDBOX_HOST: '127.0.0.1' });
      const line = await firstLine(child);
      const match = /^wechat sandbox listening on (http:\/\/127\.0\.0\.1:\d+)\/wechat-sandbox$/.exec(line);
      expect(match, line).to.not.equal(null);
      const response = await fetch(`${match![1]}/wechat-sandbox/sns/jscode2session?${new URLSearchParams(loginParams(APP_1, 'user'))}`);
      expect(response.status).to.equal(200);
      expect(JSON.parse(await response.text())).to.have.property('openid');
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = (await exited) as [number | null];
      expect(code).to.equal(0);
    });
  }

  it('refuses a SANDBOX_PORT that is not a port, exiting 1 with a message', async () => {
    child = run({ SANDBOX_PORT: 'abc' });
    const stderr = collect(child.stderr);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).to.equal(1);
    expect(stderr()).to.include('SANDBOX_PORT');
  });
});
