import { DomainError, ErrorCode, invalidParameter, type Oper, type WechatAuth, type WechatSession } from '../../../core/index.js';

/**
 * WeChat's `jscode2session` played in memory, keeping the {@link WechatAuth} contract: `loginCode`
 * hands out the code `wx.login` gives a person in a mini program; each code is good once and
 * only in its own mini program (a used, foreign or unknown code is refused with DomainError 10001
 * naming `code`, as WeChat's 40163 and 40029 are); a person's openId is the same at every login
 * and differs per mini program. Every call yields to the event loop first, as a remote call does;
 * with `failing` set it throws DomainError 70012.
 */
export class FakeWechatAuth implements WechatAuth {
  /** Every call, in the order made (failed ones too). */
  readonly calls: Array<{ readonly operId: number; readonly code: string }> = [];
  failing = false;
  private readonly codes = new Map<string, { readonly appid: string; readonly person: string }>();
  private issued = 0;

  /** A fresh code of `person` in the mini program `appid`. */
  loginCode(appid: string, person: string): string {
    this.issued += 1;
    const code = `fake-code-${this.issued}`;
    this.codes.set(code, { appid, person });
    return code;
  }

  async codeToSession(oper: Oper, code: string): Promise<WechatSession> {
    this.calls.push({ operId: oper.id, code });
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failing) throw new DomainError(ErrorCode.WechatUnavailable);
    const issued = this.codes.get(code);
    if (!issued || issued.appid !== oper.miniProgram.appid) throw invalidParameter('code', '无效或已使用');
    this.codes.delete(code);
    return { openId: `o-fake-${issued.appid}-${issued.person}` };
  }
}
