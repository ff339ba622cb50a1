import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_APPS, sandboxOpenId } from '../../apps/wechat-sandbox/demo-apps.js';
import { createSandboxApp, SANDBOX_PREFIX } from '../../apps/wechat-sandbox/sandbox-app.js';
import { createSandboxState, type SandboxState } from '../../apps/wechat-sandbox/sandbox-state.js';
import { APP_1, eventually, loginParams } from './sandbox-harness.js';

describe('wechat sandbox mounted in another server', () => {
  let server: Server;
  let base: string;
  let state: SandboxState;
  const lines: string[] = [];

  before(async () => {
    state = createSandboxState();
    const sandbox = createSandboxApp({
      apps: DEMO_APPS,
      state,
      logger: { info: (line) => lines.push(line), error: (line) => lines.push(line) },
    });
    const handle = sandbox.callback();
    server = createServer((req, res) => {
      if (req.url?.startsWith(SANDBOX_PREFIX)) return void handle(req, res);
      res.statusCode = 418;
      res.end('main app');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    state.held.releaseAll();
    await new Promise((resolve) => server.close(resolve));
  });

  const login = (code: string, init?: RequestInit) =>
    fetch(`${base}${SANDBOX_PREFIX}/sns/jscode2session?${new URLSearchParams(loginParams(APP_1, code))}`, init);

  it('answers the requests handed to its callback, leaving the rest to the main server', async () => {
    const body = JSON.parse(await (await login('user')).text()) as { openid: string };
    expect(body.openid).to.equal(sandboxOpenId(APP_1.appid, 'user'));
    expect((await fetch(`${base}/api/areas`)).status).to.equal(418);
  });

  it('serves from the state it was given', async () => {
    await login('used');
    expect(state.calls.list('jscode2session')[0]).to.include({ code: 'used' });
  });

  it('lets the embedding server release held answers through that state', async () => {
    const pending = login('fault-timeout');
    await eventually(async () => (state.held.size === 1 ? true : undefined));
    state.held.releaseAll();
    const failure = await pending.then(() => undefined, (error: unknown) => error);
    expect(failure).to.be.instanceOf(TypeError);
    expect(state.held.size).to.equal(0);
    expect(state.calls.list()[0]!.outcome).to.deep.equal({ result: 'held', releasedBy: 'server-close' });
  });

  it('logs one line per call, never with the secret', async () => {
    lines.length = 0;
    await login('user');
    await fetch(`${base}${SANDBOX_PREFIX}/sns/jscode2session?appid=${APP_1.appid}&secret=leaky-secret&js_code=user`);
    expect(lines).to.have.length(2);
    expect(lines[0]).to.include(APP_1.appid).and.include(sandboxOpenId(APP_1.appid, 'user'));
    expect(lines.join('\n')).to.not.include(APP_1.secret).and.not.include('leaky-secret');
  });
});
