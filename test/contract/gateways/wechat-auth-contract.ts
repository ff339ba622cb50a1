import { expect } from 'chai';
import { DomainError, type Oper, type WechatAuth } from '../../../core/index.js';
import { domainErrorOf } from '../../unit/support/domain-error-of.js';
import { type ClosableContext, settlesLikeARemoteCall, useGatewayContext } from './gateway-context.js';

/** What the WechatAuth suite needs: the gateway, two mini programs WeChat knows, and control of WeChat. */
export interface WechatAuthContext extends ClosableContext {
  readonly auth: WechatAuth;
  /** Two enabled opers, each with its own mini program. */
  readonly opers: readonly [Oper, Oper];
  /** A code `wx.login` gave `person` (letters only) in the oper's mini program. */
  loginCode(oper: Oper, person: string): string;
  /** A code WeChat refuses in the oper's mini program: already used, or of a blocked user. */
  refusedCode(oper: Oper): Promise<string>;
  /** From now on WeChat cannot be reached. */
  wechatGoesDown(): Promise<void>;
}

/** What no `wx.login` ever gave: WeChat answers it 40029 invalid code. */
const NEVER_ISSUED = 'not-a-code!';

/** The WechatAuth port (`jscode2session`): openIds per person and mini program, refusals, failures. */
export function describeWechatAuthContract(adapterName: string, makeContext: () => Promise<WechatAuthContext>): void {
  describe(`WechatAuth [${adapterName}]`, () => {
    const context = useGatewayContext(makeContext);
    const login = (oper: Oper, person: string) => context().auth.codeToSession(oper, context().loginCode(oper, person));

    it('answers the openId of the person who logged in, the same at every login', async () => {
      const [oper] = context().opers;
      const first = await login(oper, 'alice');
      expect(first.openId).to.be.a('string').that.is.not.empty;
      expect((await login(oper, 'alice')).openId).to.equal(first.openId);
    });

    it('gives two people two openIds in one mini program', async () => {
      const [oper] = context().opers;
      expect((await login(oper, 'alice')).openId).to.not.equal((await login(oper, 'bob')).openId);
    });

    it('gives one person a different openId in each mini program', async () => {
      const [one, two] = context().opers;
      expect((await login(one, 'alice')).openId).to.not.equal((await login(two, 'alice')).openId);
    });

    it('refuses a code WeChat refuses with 10001 naming code', async () => {
      const [oper] = context().opers;
      const error = await domainErrorOf(context().auth.codeToSession(oper, await context().refusedCode(oper)), 10001);
      expect(error.message).to.contain('code');
    });

    it('refuses a code wx.login never gave with 10001 naming code', async () => {
      const error = await domainErrorOf(context().auth.codeToSession(context().opers[0], NEVER_ISSUED), 10001);
      expect(error.message).to.contain('code');
    });

    it('answers 70012 when WeChat cannot be reached', async () => {
      const [oper] = context().opers;
      const code = context().loginCode(oper, 'alice');
      await context().wechatGoesDown();
      await domainErrorOf(context().auth.codeToSession(oper, code), 70012);
    });

    it('settles as a remote call does, answering and refusing alike', async () => {
      const [oper] = context().opers;
      const answered = await settlesLikeARemoteCall(() => login(oper, 'alice'));
      expect(answered.status).to.equal('fulfilled');
      const refused = await settlesLikeARemoteCall(() => context().auth.codeToSession(oper, NEVER_ISSUED));
      expect(refused.status).to.equal('rejected');
      expect(refused.status === 'rejected' && refused.reason).to.be.instanceOf(DomainError);
    });
  });
}
