import { expect } from 'chai';
import { APP_1, loginParams, startTestSandbox, type TestSandbox } from './sandbox-harness.js';

describe('wechat sandbox unknown routes', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  async function expectNotFound(response: Response): Promise<void> {
    expect(response.status).to.equal(404);
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    const body = (await response.json()) as { errcode: number; errmsg: string };
    expect(body.errcode).to.equal(404);
    expect(body.errmsg).to.be.a('string').and.not.equal('');
  }

  it('answers 404 JSON for an unknown path under /wechat-sandbox', async () => {
    await expectNotFound(await sandbox.get('/sns/nope'));
    await expectNotFound(await sandbox.get(''));
  });

  it('answers 404 JSON for a path outside /wechat-sandbox', async () => {
    await expectNotFound(await fetch(`${sandbox.url}/sns/jscode2session?${new URLSearchParams(loginParams(APP_1, 'user'))}`));
  });

  it('answers 404 JSON for a known path with another method', async () => {
    await expectNotFound(await sandbox.get('/sns/jscode2session', { method: 'POST' }));
  });
});
