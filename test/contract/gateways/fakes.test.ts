import { FakeClock } from '../../support/fake-clock.js';
import { FakeMiniProgramCodes } from '../../unit/support/fake-mini-program-codes.js';
import { FakeSmsProvider } from '../../unit/support/fake-sms.js';
import { FakeWechatAuth } from '../../unit/support/fake-wechat-auth.js';
import { InMemoryWechatPay, notificationOf } from '../../unit/support/in-memory-wechat-pay.js';
import { gatewayOper } from './gateway-opers.js';
import { describeMiniProgramCodesContract } from './mini-program-codes-contract.js';
import { describeSmsContract } from './sms-contract.js';
import { describeWechatAuthContract } from './wechat-auth-contract.js';
import { describeWechatPayContract } from './wechat-pay/wechat-pay-contract.js';

// The fakes the unit tests use, held to the same contracts as the real adapters.
const opers = [gatewayOper(1, 'wx0000000000000001', 'sealed-1'), gatewayOper(2, 'wx0000000000000002', 'sealed-2')] as const;

describeWechatAuthContract('fake', async () => {
  const auth = new FakeWechatAuth();
  return {
    auth,
    opers,
    loginCode: (oper, person) => auth.loginCode(oper.miniProgram.appid, person),
    refusedCode: async (oper) => {
      const code = auth.loginCode(oper.miniProgram.appid, 'carol');
      await auth.codeToSession(oper, code);
      return code;
    },
    wechatGoesDown: async () => {
      auth.failing = true;
    },
    close: async () => {},
  };
});

describeMiniProgramCodesContract('fake', async () => {
  const codes = new FakeMiniProgramCodes();
  return {
    codes,
    opers,
    made: async () => [...codes.made].reverse().map(({ appid, scene, page }) => ({ appid, scene, page: page === '' ? null : page })),
    wechatGoesDown: async () => {
      codes.failing = true;
    },
    close: async () => {},
  };
});

describeSmsContract('fake', async () => {
  const sms = new FakeSmsProvider();
  return {
    sms,
    received: async (mobile) => sms.sent.filter((m) => m.mobile === mobile).reverse().map(({ template, params }) => ({ template, params })),
    refuseNext: async (mobile) => {
      sms.refuse('LimitExceeded.PhoneNumberDailyLimit', 1, mobile);
      return 'LimitExceeded.PhoneNumberDailyLimit';
    },
    providerGoesDown: async () => {
      sms.unreachable = true;
    },
    close: async () => {},
  };
});

describeWechatPayContract('fake', async () => {
  const clock = new FakeClock();
  const pay = new InMemoryWechatPay(clock);
  const oper = gatewayOper(1, opers[0].miniProgram.appid, 'sealed-1', {
    mchid: '1900000001',
    merchantSerial: 'SERIAL1',
    sealedPrivateKey: 'sealed-key-1',
    sealedApiV3Key: 'sealed-v3-1',
    platformPublicKey: 'platform-pem-1',
    platformSerial: 'PUB_KEY_ID_1',
  });
  const found = <T>(value: T | null | undefined, what: string): T => {
    if (value === null || value === undefined) throw new Error(`the fake WeChat Pay has no ${what}`);
    return value;
  };
  return {
    pay,
    oper,
    appid: oper.miniProgram.appid,
    payerOpenId: 'o-fake-payer',
    paymentNotifyUrl: 'https://api.example.com/api/wechat/pay/notify/1',
    refundNotifyUrl: 'https://api.example.com/api/wechat/refund/notify/1',
    now: () => clock.now(),
    payerPays: async (outTradeNo) => {
      const prepay = found(pay.prepays.get(outTradeNo), `prepay ${outTradeNo}`);
      const transactionId = `42000${outTradeNo.replace(/\D/g, '').slice(-23)}`;
      pay.reportPaid({ mchid: oper.pay!.mchid, appid: prepay.appid, outTradeNo, transactionId, tradeState: 'SUCCESS', amountFen: prepay.amountFen, payerOpenId: prepay.payerOpenId, successTime: clock.now() });
    },
    paymentNotification: async (outTradeNo) => notificationOf(found((await pay.query(oper, outTradeNo)).payment, `payment of ${outTradeNo}`)),
    refundNotification: async (outRefundNo) => {
      const { request, accepted } = found(pay.refunds.get(outRefundNo), `refund ${outRefundNo}`);
      return notificationOf({ outTradeNo: request.outTradeNo, outRefundNo, refundId: accepted.refundId, state: 'SUCCESS', refundFen: request.refundFen });
    },
    wechatPayGoesDown: async () => {
      for (const call of ['prepay', 'query', 'close', 'refund', 'refund-query'] as const) pay.failing.add(call);
    },
    close: async () => {},
  };
});
