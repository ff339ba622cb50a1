import type { WechatAuth, WechatSession } from '../../core/identity/wechat-auth.js';
import type { Oper } from '../../core/tenancy/oper.js';
import { inject, injectable } from 'inversify';
import { TOKENS as T } from '../tokens.js';

/** The `wx.login` code that stands for the demo user outside production. */
export const TEST_LOGIN_CODE = 'user';

/**
 * Outside production only: the code `user` yields `openIdFor(appid)` without calling WeChat;
 * every other code goes to the wrapped {@link WechatAuth}. The composition root must never wire
 * this in production.
 */
@injectable()
export class TestCodeWechatAuth implements WechatAuth {
  constructor(
    @inject(T.LiveWechatAuth) private readonly inner: WechatAuth,
    @inject(T.DemoUserOpenId) private readonly openIdFor: (appid: string) => string,
  ) {}

  async codeToSession(oper: Oper, code: string): Promise<WechatSession> {
    if (code === TEST_LOGIN_CODE) return { openId: this.openIdFor(oper.miniProgram.appid) };
    return this.inner.codeToSession(oper, code);
  }
}
