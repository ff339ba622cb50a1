import { expect } from 'chai';
import { DomainError, type PurchaseNoticeMessage, type PurchaseNoticeSender, type SmsSender, SmsNotSent } from '../../../core/index.js';
import { caught } from '../../adapters/support/caught.js';
import { domainErrorOf } from '../../unit/support/domain-error-of.js';
import { type ClosableContext, settlesLikeARemoteCall, useGatewayContext } from './gateway-context.js';

/** An SMS as the provider accepted it. */
export interface ReceivedSms {
  readonly template: 'verify-code' | 'purchase-notice';
  readonly params: readonly string[];
}

/** What the SMS suite needs: the sender, and the provider's side. */
export interface SmsContext extends ClosableContext {
  readonly sms: SmsSender & PurchaseNoticeSender;
  /** The SMS the provider accepted for `mobile`, newest first. */
  received(mobile: string): Promise<ReceivedSms[]>;
  /** The provider refuses the next SMS to `mobile` (a daily limit reached); resolves to its code for that. */
  refuseNext(mobile: string): Promise<string>;
  /** From now on the provider cannot be reached. */
  providerGoesDown(): Promise<void>;
}

const ALICE = '13900000001';
const BOB = '13900000002';
const NOTICE: PurchaseNoticeMessage = { orderNo: '202611789012', name: '双人火锅套餐', number: '2', endDate: '2026-12-31', verifyCode: '123456789012' };
const NOTICE_PARAMS = ['202611789012', '双人火锅套餐', '2', '2026-12-31', '123456789012'];

/** The SmsSender and PurchaseNoticeSender ports: what reaches the phone, refusals, failures. */
export function describeSmsContract(adapterName: string, makeContext: () => Promise<SmsContext>): void {
  describe(`SmsSender and PurchaseNoticeSender [${adapterName}]`, () => {
    const context = useGatewayContext(makeContext);
    const sms = () => context().sms;

    it('sends a login code with its minutes of validity, in the login template', async () => {
      await sms().sendVerifyCode(ALICE, '482913', 5);
      expect(await context().received(ALICE)).to.deep.equal([{ template: 'verify-code', params: ['482913', '5'] }]);
    });

    it('sends a purchase notice with the five parameters in the template’s order', async () => {
      await sms().sendPurchaseNotice(ALICE, NOTICE);
      expect(await context().received(ALICE)).to.deep.equal([{ template: 'purchase-notice', params: NOTICE_PARAMS }]);
    });

    it('sends each SMS to its own mobile only', async () => {
      await sms().sendVerifyCode(ALICE, '111111', 5);
      await sms().sendPurchaseNotice(BOB, NOTICE);
      expect((await context().received(ALICE)).map((m) => m.params[0])).to.deep.equal(['111111']);
      expect((await context().received(BOB)).map((m) => m.template)).to.deep.equal(['purchase-notice']);
    });

    it('answers a refused login code with 20004, sending nothing, and sends the next one', async () => {
      await context().refuseNext(ALICE);
      await domainErrorOf(sms().sendVerifyCode(ALICE, '482913', 5), 20004);
      expect(await context().received(ALICE)).to.deep.equal([]);
      await sms().sendVerifyCode(ALICE, '482914', 5);
      expect((await context().received(ALICE)).map((m) => m.params[0])).to.deep.equal(['482914']);
    });

    it('answers a refused notice with SmsNotSent carrying the provider’s code, sending nothing', async () => {
      const code = await context().refuseNext(ALICE);
      const error = await caught(sms().sendPurchaseNotice(ALICE, NOTICE));
      expect(error).to.be.instanceOf(SmsNotSent).with.property('reason', code);
      expect(await context().received(ALICE)).to.deep.equal([]);
    });

    it('answers 20004 and SmsNotSent when the provider cannot be reached', async () => {
      await context().providerGoesDown();
      await domainErrorOf(sms().sendVerifyCode(ALICE, '482913', 5), 20004);
      const error = await caught(sms().sendPurchaseNotice(ALICE, NOTICE));
      expect(error).to.be.instanceOf(SmsNotSent).with.property('reason').that.is.a('string').and.not.empty;
    });

    it('settles as a remote call does, sending and refusing alike', async () => {
      expect((await settlesLikeARemoteCall(() => sms().sendVerifyCode(ALICE, '482913', 5))).status).to.equal('fulfilled');
      await context().refuseNext(ALICE);
      const refused = await settlesLikeARemoteCall(() => sms().sendVerifyCode(ALICE, '482913', 5));
      expect(refused.status === 'rejected' && refused.reason).to.be.instanceOf(DomainError);
    });
  });
}
