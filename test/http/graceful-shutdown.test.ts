import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createKnex } from '../../adapters/knex/connect.js';
import { type RunningSandbox, startSandboxServer } from '../../apps/wechat-sandbox/sandbox-server.js';
import { AppProcess } from '../support/app-process.js';
import { APP1, fromMiniProgram } from '../support/http-client.js';
import { HoldingProxy } from '../support/holding-proxy.js';

/** Whether a new TCP connection to `url` is refused; polls while the listening socket closes. */
async function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  for (let attempt = 0; attempt < 50; attempt++) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), hostname, () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

// The real process, as `npm start` runs it, with a slow WeChat in front of it: a proxy holds the
// jscode2session call of a /wxLogin until the test lets it go, so that request is in flight.
describe('graceful shutdown of the real process [sqlite file]', function () {
  this.timeout(60_000);
  let sandbox: RunningSandbox;
  let proxy: HoldingProxy;
  let dir: string;
  const apps: AppProcess[] = [];

  before(async () => {
    sandbox = await startSandboxServer({ port: 0, host: '127.0.0.1' });
    proxy = await HoldingProxy.start(sandbox.url);
    dir = mkdtempSync(join(tmpdir(), 'o2o-shutdown-'));
  });
  after(async () => {
    apps.forEach((app) => app.killLeftover());
    await proxy?.close();
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(apps.at(-1)?.transcript());
  });

  const start = async (name: string, env: Record<string, string> = {}) => {
    const app = await AppProcess.start({
      DATABASE_URL: `sqlite:${join(dir, `${name}.sqlite`)}`,
      WECHAT_SANDBOX_URL: proxy.url,
      WECHAT_TIMEOUT_MS: '60000',
      ORDER_SWEEP_SECONDS: '1',
      HOUSEKEEPING_MINUTES: '1',
      ...env,
    });
    apps.push(app);
    return app;
  };
  const slowLogin = (app: AppProcess) =>
    fetch(`${app.url}/api/user/wxLogin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...fromMiniProgram(APP1) },
      body: JSON.stringify({ code: 'a-new-shopper' }),
    });

  it('on SIGTERM refuses new connections, finishes the request in flight, stops its timers, closes the database, exits 0', async () => {
    const app = await start('drain');
    proxy.hold('/sns/jscode2session');
    const inFlight = slowLogin(app);
    await proxy.arrived();

    app.child.kill('SIGTERM');
    expect((await app.logged('shutting down')).inFlight).to.equal(1);
    expect(await refusesConnections(app.url)).to.equal(true);
    expect(app.child.exitCode).to.equal(null);

    proxy.release();
    const answer = await inFlight;
    expect(answer.headers.get('connection')).to.equal('close');
    const body = (await answer.json()) as { code: number; data: { token: string } };
    expect(body.code).to.equal(0);
    expect(await app.exited).to.equal(0);
    const order = ['shutting down', 'requests in flight finished', 'timers stopped', 'database closed'];
    expect(app.messages().filter((m) => order.includes(m))).to.deep.equal(order);

    // What the request did after WeChat answered reached the database before it closed.
    const db = createKnex(`sqlite:${join(dir, 'drain.sqlite')}`);
    try {
      expect(Number((await db('sessions').count({ n: '*' }))[0]!['n'])).to.equal(1);
    } finally {
      await db.destroy();
    }
  });

  it('cuts off what is still in flight after SHUTDOWN_GRACE_SECONDS and still exits 0', async () => {
    const app = await start('grace', { SHUTDOWN_GRACE_SECONDS: '1' });
    proxy.hold('/sns/jscode2session');
    const inFlight = slowLogin(app).then(
      () => 'answered',
      () => 'cut off',
    );
    await proxy.arrived();
    app.child.kill('SIGTERM');
    expect(await app.exited).to.equal(0);
    expect(await inFlight).to.equal('cut off');
    expect(app.messages()).to.include('requests still in flight were cut off after the grace');
    proxy.release();
  });

  it('shuts down the same way on SIGINT', async () => {
    const app = await start('interrupt');
    app.child.kill('SIGINT');
    expect(await app.exited).to.equal(0);
    // The steps of closing come in order; the first line may reach the pipe after them when stdout
    // is busy (seen once under load), so it is only required to be there.
    const messages = app.messages();
    expect(messages).to.include('shutting down');
    expect(messages.filter((m) => ['requests in flight finished', 'timers stopped', 'database closed'].includes(m))).to.deep.equal([
      'requests in flight finished',
      'timers stopped',
      'database closed',
    ]);
  });
});
