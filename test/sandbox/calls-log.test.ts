import { expect } from 'chai';
import { sandboxOpenId } from '../../apps/wechat-sandbox/demo-apps.js';
import { APP_1, APP_2, loginParams, startTestSandbox, type TestSandbox } from './sandbox-harness.js';

describe('wechat sandbox GET /wechat-sandbox/calls', () => {
  let sandbox: TestSandbox;
  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('starts empty', async () => {
    const response = await sandbox.get('/calls?api=jscode2session');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    expect(await response.json()).to.deep.equal([]);
  });

  it('lists jscode2session calls newest first, with appid, code, time and outcome', async () => {
    const before = Date.now();
    await sandbox.code2Session(loginParams(APP_1, 'user'));
    await sandbox.code2Session(loginParams(APP_2, 'used'));
    await sandbox.code2Session(loginParams(APP_1, 'fault-500'));
    const calls = await sandbox.calls('jscode2session');
    expect(calls.map((call) => [call.appid, call.code])).to.deep.equal([
      [APP_1.appid, 'fault-500'],
      [APP_2.appid, 'used'],
      [APP_1.appid, 'user'],
    ]);
    expect(calls[2]!.outcome).to.deep.equal({ result: 'session', openid: sandboxOpenId(APP_1.appid, 'user') });
    expect(calls[1]!.outcome).to.include({ result: 'errcode', errcode: 40163 });
    expect(calls[0]!.outcome).to.deep.equal({ result: 'http-500' });
    expect(calls.map((call) => call.seq)).to.deep.equal([3, 2, 1]);
    for (const call of calls) {
      expect(call.api).to.equal('jscode2session');
      expect(Date.parse(call.at)).to.be.within(before - 1, Date.now() + 1);
    }
  });

  it('records calls that fail before the code is read, with what was sent', async () => {
    await sandbox.code2Session({ js_code: 'user' });
    const [call] = await sandbox.calls('jscode2session');
    expect(call).to.include({ appid: null, code: 'user' });
    expect(call!.outcome).to.include({ result: 'errcode', errcode: 41002 });
  });

  it('lists every API’s calls without ?api', async () => {
    await sandbox.code2Session(loginParams(APP_1, 'user'));
    expect(await sandbox.calls()).to.have.length(1);
  });

  it('answers 400 for an API it does not record', async () => {
    const response = await sandbox.get('/calls?api=nope');
    expect(response.status).to.equal(400);
    expect(await response.json()).to.include({ errcode: 400 });
  });

  it('never shows a secret or a session_key', async () => {
    const wrongSecret = 'wrong-secret-that-must-not-leak-1';
    await sandbox.code2Session(loginParams(APP_1, 'user'));
    await sandbox.code2Session(loginParams(APP_2, 'risky'));
    await sandbox.code2Session({ ...loginParams(APP_1, 'user'), secret: wrongSecret });
    await sandbox.code2Session({ ...loginParams(APP_1, 'user'), appid: 'wx9999999999999999', secret: wrongSecret });
    const login = JSON.parse(await (await sandbox.code2Session(loginParams(APP_1, 'user'))).text()) as { session_key: string };
    const text = await (await sandbox.get('/calls')).text();
    expect(JSON.parse(text)).to.have.length(5);
    for (const secret of [APP_1.secret, APP_2.secret, wrongSecret, 'sandbox-secret', login.session_key]) {
      expect(text).to.not.include(secret);
    }
    expect(text).to.not.match(/"(secret|session_key)"/);
  });
});
