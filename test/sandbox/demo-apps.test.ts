import { expect } from 'chai';
import { DEMO_APPS, sandboxOpenId } from '../../apps/wechat-sandbox/demo-apps.js';
import { demoUserOpenId } from '../../apps/shared/demo-accounts.js';

describe('wechat sandbox demo apps', () => {
  it('knows the two demo mini programs with 32-character fake secrets', () => {
    expect(DEMO_APPS.map((app) => app.appid)).to.deep.equal(['wx0000000000000001', 'wx0000000000000002']);
    for (const app of DEMO_APPS) {
      expect(app.secret).to.have.length(32);
      expect(app.secret).to.match(/^sandbox-secret-/);
    }
    expect(DEMO_APPS[0]!.secret).to.not.equal(DEMO_APPS[1]!.secret);
  });

  it('publishes the demo user’s openIds the sandbox answers for code user, so the API side needs no rule of the sandbox', () => {
    expect(DEMO_APPS.map((app) => app.demoUserOpenId)).to.deep.equal(DEMO_APPS.map((app) => sandboxOpenId(app.appid, 'user')));
    expect(demoUserOpenId('wx0000000000000002')).to.equal(sandboxOpenId('wx0000000000000002', 'user'));
    expect(() => demoUserOpenId('wx0000000000000009')).to.throw(RangeError);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(DEMO_APPS)).to.equal(true);
    expect(Object.isFrozen(DEMO_APPS[0])).to.equal(true);
  });

  it('gives openIds shaped like WeChat’s: 28 characters, o then base64url', () => {
    for (const code of ['user', 'a', 'x'.repeat(128), '0a1B-c_d']) {
      expect(sandboxOpenId('wx0000000000000001', code)).to.match(/^o[A-Za-z0-9_-]{27}$/);
    }
  });

  it('gives the same openId for the same appid and code', () => {
    expect(sandboxOpenId('wx0000000000000001', 'user')).to.equal(sandboxOpenId('wx0000000000000001', 'user'));
  });

  it('gives different openIds for the same code in different mini programs, and for different codes', () => {
    const inApp1 = sandboxOpenId('wx0000000000000001', 'user');
    expect(sandboxOpenId('wx0000000000000002', 'user')).to.not.equal(inApp1);
    expect(sandboxOpenId('wx0000000000000001', 'user2')).to.not.equal(inApp1);
  });

  it('does not let appid and code run into each other', () => {
    expect(sandboxOpenId('wx1', '23')).to.not.equal(sandboxOpenId('wx12', '3'));
  });
});
