import { randomBytes } from 'node:crypto';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { HttpMiniProgramCodes } from '../../../adapters/wechat/http-mini-program-codes.js';
import { HttpWechatAuth } from '../../../adapters/wechat/http-wechat-auth.js';
import { StableAccessTokens } from '../../../adapters/wechat/stable-access-tokens.js';
import { TestCodeWechatAuth } from '../../../adapters/wechat/test-code-wechat-auth.js';
import { sandboxOpenId } from '../../../apps/wechat-sandbox/demo-apps.js';
import { FAULT_CODES } from '../../../apps/wechat-sandbox/code2session-rules.js';
import { capturedLogger } from '../../adapters/support/captured-logger.js';
import { APP_1, APP_2, startTestSandbox, type TestSandbox } from '../../sandbox/sandbox-harness.js';
import { gatewayOper } from './gateway-opers.js';
import { type MadeCode, describeMiniProgramCodesContract } from './mini-program-codes-contract.js';
import { type WechatAuthContext, describeWechatAuthContract } from './wechat-auth-contract.js';

// The real WeChat adapters against the sandbox, which speaks WeChat's wire protocol.

/** A sandbox, a key to seal secrets with, and the two demo mini programs as opers. */
async function sandboxWorld() {
  const sandbox: TestSandbox = await startTestSandbox();
  const secrets = new SecretBox(randomBytes(32));
  const opers = [gatewayOper(1, APP_1.appid, secrets.seal(APP_1.secret)), gatewayOper(2, APP_2.appid, secrets.seal(APP_2.secret))] as const;
  return { sandbox, secrets, opers, baseUrl: `${sandbox.url}/wechat-sandbox`, logger: capturedLogger().logger };
}

async function authContext(wrap: (auth: HttpWechatAuth) => WechatAuthContext['auth']): Promise<WechatAuthContext> {
  const { sandbox, secrets, opers, baseUrl, logger } = await sandboxWorld();
  return {
    auth: wrap(new HttpWechatAuth({ baseUrl, timeoutMs: 2_000, secrets, logger })),
    opers,
    // The sandbox's openId is a function of the mini program and the code: a person's code is their name.
    loginCode: (_oper, person) => person,
    refusedCode: async () => FAULT_CODES.used,
    wechatGoesDown: () => sandbox.close(),
    close: () => sandbox.close(),
  };
}

describeWechatAuthContract('HttpWechatAuth on the sandbox', () => authContext((auth) => auth));
describeWechatAuthContract('TestCodeWechatAuth over HttpWechatAuth on the sandbox', () =>
  authContext((auth) => new TestCodeWechatAuth(auth, (appid) => sandboxOpenId(appid, 'user'))),
);

describeMiniProgramCodesContract('HttpMiniProgramCodes on the sandbox', async () => {
  const { sandbox, secrets, opers, baseUrl, logger } = await sandboxWorld();
  const tokens = new StableAccessTokens({ baseUrl, timeoutMs: 2_000, secrets, logger });
  return {
    codes: new HttpMiniProgramCodes({ baseUrl, timeoutMs: 2_000, tokens, logger, envVersion: 'release', checkPath: true }),
    opers,
    made: async () => ((await (await sandbox.get('/wxacodes')).json()) as MadeCode[]).map(({ appid, scene, page }) => ({ appid, scene, page })),
    wechatGoesDown: () => sandbox.close(),
    close: () => sandbox.close(),
  };
});
