import { FakeMiniProgramCodes } from '../../unit/support/fake-mini-program-codes.js';
import { FakeSmsProvider } from '../../unit/support/fake-sms.js';
import { FakeWechatAuth } from '../../unit/support/fake-wechat-auth.js';
import { gatewayOper } from './gateway-opers.js';
import { describeMiniProgramCodesContract } from './mini-program-codes-contract.js';
import { describeSmsContract } from './sms-contract.js';
import { describeWechatAuthContract } from './wechat-auth-contract.js';

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
