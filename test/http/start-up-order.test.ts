import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { freePort } from '../support/app-process.js';
import { MAIN } from '../support/main-process.js';

/** The first answer the app gives at `url` once it accepts connections (polling while it starts). */
async function firstAnswer(url: string, exited: Promise<unknown>): Promise<{ status: number; body: string }> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error('the app exited before answering');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code !== 'ECONNREFUSED') throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

// `npm start` on a fixed port, with the WeChat sandbox mounted: the API is composed (and the demo
// merchants enrolled in the sandbox, in the process) before the server listens.
describe('start-up order on a fixed PORT [sqlite]', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'o2o-start-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers its first request with the API, never with the start-up 503', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, APP_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${join(dir, 'start.sqlite')}` },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const first = await firstAnswer(`http://127.0.0.1:${port}/openapi.json`, exited);
      expect(first.status).to.equal(200);
      expect(JSON.parse(first.body)).to.have.property('openapi');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
