import { expect } from 'chai';
import sinon from 'sinon';
import { APP_1, eventually, loginParams, startTestSandbox, type TestSandbox } from './sandbox-harness.js';

describe('wechat sandbox jscode2session fault codes', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  it('fault-500 answers HTTP 500 with a body that is not WeChat JSON', async () => {
    const response = await sandbox.code2Session(loginParams(APP_1, 'fault-500'));
    expect(response.status).to.equal(500);
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown).to.throw(SyntaxError);
  });

  it('fault-busy answers errcode -1 system error with HTTP 200', async () => {
    const response = await sandbox.code2Session(loginParams(APP_1, 'fault-busy'));
    expect(response.status).to.equal(200);
    const body = JSON.parse(await response.text()) as { errcode: number; errmsg: string };
    expect(body.errcode).to.equal(-1);
    expect(body.errmsg).to.match(/^system error, rid: /);
  });

  it('fault-quota answers errcode 45011 (minute quota) with HTTP 200', async () => {
    const response = await sandbox.code2Session(loginParams(APP_1, 'fault-quota'));
    const body = JSON.parse(await response.text()) as { errcode: number; errmsg: string };
    expect(body.errcode).to.equal(45011);
    expect(body.errmsg).to.match(/^api minute-quota reach limit/);
  });

  it('fault-garbage answers HTTP 200 with a body that does not parse as JSON', async () => {
    const response = await sandbox.code2Session(loginParams(APP_1, 'fault-garbage'));
    expect(response.status).to.equal(200);
    const text = await response.text();
    expect(text).to.not.equal('');
    expect(() => JSON.parse(text) as unknown).to.throw(SyntaxError);
  });

  it('fault codes still need valid credentials', async () => {
    const response = await sandbox.code2Session({ ...loginParams(APP_1, 'fault-500'), secret: 'wrong' });
    expect(response.status).to.equal(200);
    expect((JSON.parse(await response.text()) as { errcode: number }).errcode).to.equal(40125);
  });

  it('fault-timeout holds the answer until the client gives up, and records that', async () => {
    const abort = new AbortController();
    const pending = sandbox.code2Session(loginParams(APP_1, 'fault-timeout'), { signal: abort.signal });
    const holding = await eventually(async () =>
      (await sandbox.calls('jscode2session')).find((call) => call.outcome.result === 'holding'));
    expect(holding.code).to.equal('fault-timeout');
    const started = Date.now();
    abort.abort();
    const failure = await pending.then(() => undefined, (error: unknown) => error);
    expect(failure).to.be.instanceOf(Error);
    expect((failure as Error).name).to.equal('AbortError');
    expect(Date.now() - started).to.be.lessThan(1_000);
    const released = await eventually(async () => {
      const call = (await sandbox.calls('jscode2session')).find((c) => c.seq === holding.seq);
      return call?.outcome.result === 'held' ? call : undefined;
    });
    expect(released.outcome).to.deep.equal({ result: 'held', releasedBy: 'client' });
  });
});

describe('wechat sandbox fault-timeout and the server', () => {
  it('closes promptly while an answer is held, dropping the held connection', async () => {
    const sandbox = await startTestSandbox();
    const pending = sandbox.code2Session(loginParams(APP_1, 'fault-timeout'));
    await eventually(async () =>
      (await sandbox.calls()).find((call) => call.outcome.result === 'holding'));
    const started = Date.now();
    await sandbox.close();
    expect(Date.now() - started).to.be.lessThan(1_000);
    const failure = await pending.then(() => undefined, (error: unknown) => error);
    expect(failure).to.be.instanceOf(TypeError);
  });

  it('answers errcode -1 system error once the hold time has passed', async () => {
    const sandbox = await startTestSandbox({ holdMs: 150 });
    try {
      const started = Date.now();
      const response = await sandbox.code2Session(loginParams(APP_1, 'fault-timeout'));
      expect(Date.now() - started).to.be.at.least(140);
      expect(response.status).to.equal(200);
      expect((JSON.parse(await response.text()) as { errcode: number }).errcode).to.equal(-1);
      const [call] = await sandbox.calls('jscode2session');
      expect(call?.outcome).to.deep.equal({ result: 'held', releasedBy: 'elapsed' });
    } finally {
      await sandbox.close();
    }
  });

  it('holds for 30 s by default: still holding at 29.999 s, answering errcode -1 at 30 s', async () => {
    // Only the timers are faked: the sockets stay real, so progress is awaited by turns of the event loop.
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const sandbox = await startTestSandbox();
    try {
      const pending = sandbox.code2Session(loginParams(APP_1, 'fault-timeout'));
      const outcome = async () => (await sandbox.calls('jscode2session'))[0]?.outcome;
      await turnsUntil(async () => (await outcome())?.result === 'holding');
      await clock.tickAsync(29_999);
      expect(await outcome()).to.deep.equal({ result: 'holding' });
      await clock.tickAsync(1);
      const response = await pending;
      expect((JSON.parse(await response.text()) as { errcode: number }).errcode).to.equal(-1);
      expect(await outcome()).to.deep.equal({ result: 'held', releasedBy: 'elapsed' });
    } finally {
      clock.restore();
      await sandbox.close();
    }
  });
});

/** Resolves once `condition` holds, checking after each turn of the event loop (timers may be fake); fails after 2 000 turns. */
async function turnsUntil(condition: () => Promise<boolean>): Promise<void> {
  for (let turn = 0; turn < 2_000; turn += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not met within 2 000 turns of the event loop');
}
