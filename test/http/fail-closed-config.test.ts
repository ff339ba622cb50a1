import { expect } from 'chai';
import { ConfigError, loadConfig, testBehavioursEnabled } from '../../apps/composition/config.js';
import { type Exited, runUntilExit, startUntilListening } from '../support/main-process.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
/** A production environment the app accepts; each refused setting below spoils one part of it. */
const GOOD_PRODUCTION: Record<string, string> = {
  APP_ENV: 'production',
  DATABASE_URL: 'sqlite::memory:',
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  SECRET_KEY: KEY,
  PUBLIC_BASE_URL: 'https://api.example.com',
  TENCENT_SMS_SECRET_ID: 'AKIDtest',
  TENCENT_SMS_SECRET_KEY: 'test-secret-key',
  TENCENT_SMS_SDK_APP_ID: '1400000000',
  TENCENT_SMS_SIGN_NAME: '测试签名',
  TENCENT_SMS_TEMPLATE_ID: '100001',
  TENCENT_SMS_NOTIFY_TEMPLATE_ID: '100002',
};
/** The development key's bytes, base64: public, so production must refuse it. */
const DEVELOPMENT_KEY = Buffer.from('o2o-development-only-secret-key!', 'utf8').toString('base64');

const without = (name: string) => Object.fromEntries(Object.entries(GOOD_PRODUCTION).filter(([key]) => key !== name));

describe('configuration that fails closed', () => {
  describe('test behaviours only with the sandbox, never in production', () => {
    const cases: Array<[Record<string, string>, boolean]> = [
      [{}, true],
      [{ APP_ENV: 'test' }, true],
      [{ APP_ENV: 'development', WECHAT_MODE: 'sandbox' }, true],
      [{ WECHAT_MODE: 'live' }, false],
      [{ APP_ENV: 'development', WECHAT_MODE: 'live' }, false],
      [{ APP_ENV: 'test', WECHAT_MODE: 'live' }, false],
      [GOOD_PRODUCTION, false],
    ];
    for (const [env, enabled] of cases) {
      it(`${JSON.stringify({ APP_ENV: env['APP_ENV'], WECHAT_MODE: env['WECHAT_MODE'] })}: ${enabled ? 'on' : 'off'}`, () => {
        expect(testBehavioursEnabled(loadConfig(env))).to.equal(enabled);
      });
    }
  });

  it('HOST: loopback outside production, every interface in production, as set otherwise', () => {
    expect(loadConfig({}).host).to.equal('127.0.0.1');
    expect(loadConfig({ WECHAT_MODE: 'live' }).host).to.equal('127.0.0.1');
    expect(loadConfig({ ...GOOD_PRODUCTION, HOST: '' }).host).to.equal('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).to.equal('0.0.0.0');
  });

  it('TRUST_PROXY: a number of hops from 0 (default) to 10, nothing else', () => {
    expect(loadConfig({}).trustProxy).to.equal(0);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).to.equal(2);
    for (const bad of ['true', 'yes', '-1', '11', '1.5']) expect(() => loadConfig({ TRUST_PROXY: bad }), bad).to.throw(ConfigError, /TRUST_PROXY/);
  });

  it('SECRET_KEY: strict base64 of exactly 32 bytes everywhere', () => {
    expect(loadConfig({ SECRET_KEY: KEY }).secretKey).to.deep.equal(Buffer.alloc(32, 7));
    const bad = [`${KEY.slice(0, 10)}!${KEY.slice(11)}`, `${KEY.slice(0, 20)} ${KEY.slice(20)}`, Buffer.alloc(31).toString('base64'), Buffer.alloc(33).toString('base64'), KEY.replace(/=$/, '')];
    for (const key of bad) expect(() => loadConfig({ SECRET_KEY: key }), key).to.throw(ConfigError, /SECRET_KEY/);
  });

  it('PUBLIC_BASE_URL: an absolute address; its trailing slash dropped', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://api.example.com/' }).publicBaseUrl).to.equal('https://api.example.com');
    for (const url of ['api.example.com', 'ftp://api.example.com']) {
      expect(() => loadConfig({ PUBLIC_BASE_URL: url }), url).to.throw(ConfigError, /PUBLIC_BASE_URL/);
    }
  });

  describe('the real process refuses each bad production setting with one line and exit code 1', function () {
    this.timeout(30_000);
    const refused: Array<[string, Record<string, string>, RegExp]> = [
      ['WECHAT_SANDBOX_URL set', { ...GOOD_PRODUCTION, WECHAT_SANDBOX_URL: 'http://127.0.0.1:3100' }, /WECHAT_SANDBOX_URL is not allowed in production/],
      ['WECHAT_MODE=sandbox', { ...GOOD_PRODUCTION, WECHAT_MODE: 'sandbox' }, /WECHAT_MODE=sandbox is not allowed in production/],
      ['no SMS credentials', without('TENCENT_SMS_SECRET_ID'), /production needs TENCENT_SMS_\* credentials/],
      ['an incomplete SMS configuration', without('TENCENT_SMS_TEMPLATE_ID'), /TENCENT_SMS_TEMPLATE_ID is required/],
      ['no SECRET_KEY', without('SECRET_KEY'), /production needs SECRET_KEY/],
      ['SECRET_KEY with characters outside base64', { ...GOOD_PRODUCTION, SECRET_KEY: `${KEY.slice(0, 43)}*` }, /SECRET_KEY is not valid base64/],
      ['SECRET_KEY of 16 bytes', { ...GOOD_PRODUCTION, SECRET_KEY: Buffer.alloc(16, 1).toString('base64') }, /SECRET_KEY must decode to exactly 32 bytes/],
      ['the development SECRET_KEY', { ...GOOD_PRODUCTION, SECRET_KEY: DEVELOPMENT_KEY }, /SECRET_KEY is the public development key/],
      ['no PUBLIC_BASE_URL', without('PUBLIC_BASE_URL'), /production needs PUBLIC_BASE_URL/],
      ['PUBLIC_BASE_URL over http', { ...GOOD_PRODUCTION, PUBLIC_BASE_URL: 'http://api.example.com' }, /PUBLIC_BASE_URL must be https in production/],
      ['an unknown APP_ENV', { ...GOOD_PRODUCTION, APP_ENV: 'prod' }, /APP_ENV must be development, test or production/],
    ];
    for (const [name, env, line] of refused) {
      it(name, async () => {
        const exited = await runUntilExit(env);
        expect(exited.code, exited.stderr).to.equal(1);
        const lines = exited.stderr.trimEnd().split('\n');
        expect(lines, exited.stderr).to.have.length(1);
        expect(lines[0]).to.match(/^o2o-user-api failed to start: /).and.to.match(line);
        expect(exited.stdout).to.not.contain('listening');
      });
    }

    it('several problems: one line each', async () => {
      const exited = await runUntilExit({ APP_ENV: 'production', DATABASE_URL: 'sqlite::memory:', PORT: '0' });
      expect(exited.code).to.equal(1);
      const lines = exited.stderr.trimEnd().split('\n');
      expect(lines).to.have.length(3);
      expect(lines.join('\n')).to.match(/TENCENT_SMS_/).and.to.match(/SECRET_KEY/).and.to.match(/PUBLIC_BASE_URL/);
      expect(lines.every((l) => l.startsWith('o2o-user-api failed to start: '))).to.equal(true);
    });

    it('starts with the good production settings, on every interface unless HOST says otherwise', async () => {
      const { HOST: _host, ...noHost } = GOOD_PRODUCTION;
      const app = await startUntilListening({ ...noHost, PORT: '0' });
      expect(app.listening).to.deep.include({ host: '0.0.0.0', appEnv: 'production', wechat: 'live' });
      expect(stoppedCleanly(await app.stop())).to.equal(true);
    });

    it('in development listens on loopback only by default, with the sandbox mounted', async () => {
      const app = await startUntilListening({ DATABASE_URL: 'sqlite::memory:', PORT: '0', LOG_LEVEL: 'info', ORDER_SWEEP_SECONDS: '0' });
      expect(app.listening).to.deep.include({ host: '127.0.0.1', appEnv: 'development', wechat: 'sandbox (mounted)' });
      expect(stoppedCleanly(await app.stop())).to.equal(true);
    });
  });
});

/** Ended by our SIGTERM: exit code 0 from its handler, or the signal itself if it came first. */
function stoppedCleanly(exited: Exited): boolean {
  return exited.code === 0 || exited.signal === 'SIGTERM';
}
