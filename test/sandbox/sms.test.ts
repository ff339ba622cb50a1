import { Agent } from 'node:http';
import { expect } from 'chai';
import * as tencentcloud from 'tencentcloud-sdk-nodejs-sms';
import { DEMO_SMS_ACCOUNT, TENCENT_CLOUD_PATH, demoSmsTemplateId } from '../../apps/wechat-sandbox/sms-account.js';
import { DomainError, SmsNotSent } from '../../core/index.js';
import { capturedLogger } from '../adapters/support/captured-logger.js';
import { caught } from '../adapters/support/caught.js';
import { type TestSandbox, startTestSandbox } from './sandbox-harness.js';
import { sandboxSmsSender } from './sandbox-sms-sender.js';

const SmsClient = tencentcloud.sms.v20210111.Client;
const VERIFY = demoSmsTemplateId('verify');
const NOTICE = demoSmsTemplateId('notice');
const MOBILE = '13912345678';
/** Resolves every host name to 127.0.0.1. */
const loopback = new Agent({
  lookup: (_host, options, callback) => {
    if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  },
});
const NOTICE_PARAMS = ['202611789012', '双人火锅套餐', '2', '2026-12-31', '123456789012'];

interface Received {
  mobile: string;
  template_id: string;
  params: string[];
  time: string;
  content: string;
  serial_no: string;
}

describe('sandbox: Tencent Cloud SMS', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ holdMs: 60_000 });
  });
  after(() => sandbox.close());
  afterEach(() => sandbox.get('/sms/faults', { method: 'DELETE' }));

  /**
   * Tencent's own SDK, pointed at a sandbox. It names the service after the endpoint's first label
   * and signs the host without its port, so it is given Tencent's host name, which an agent
   * resolves to the sandbox's loopback address.
   */
  const sdkFor = (base: string, secretKey = DEMO_SMS_ACCOUNT.secretKey) =>
    new SmsClient({
      credential: { secretId: DEMO_SMS_ACCOUNT.secretId, secretKey },
      region: 'ap-guangzhou',
      profile: {
        httpProfile: {
          protocol: 'http://',
          endpoint: `sms.tencentcloudapi.com:${new URL(base).port}/wechat-sandbox${TENCENT_CLOUD_PATH}`,
          reqTimeout: 5,
          agent: loopback,
        },
      },
    });
  const sdk = (secretKey?: string) => sdkFor(sandbox.url, secretKey);
  const request = (overrides: Record<string, unknown> = {}) => ({
    PhoneNumberSet: [`+86${MOBILE}`],
    SmsSdkAppId: DEMO_SMS_ACCOUNT.sdkAppId,
    SignName: DEMO_SMS_ACCOUNT.signName,
    TemplateId: NOTICE,
    TemplateParamSet: NOTICE_PARAMS,
    ...overrides,
  });
  const sdkError = async (promise: Promise<unknown>): Promise<string> => {
    const error = (await caught(promise)) as { code?: string };
    expect(error, 'an SDK error').to.have.property('code').that.is.a('string');
    return error.code!;
  };
  const received = async (mobile = MOBILE): Promise<Received[]> => (await (await sandbox.get(`/sms?mobile=${mobile}`)).json()) as Received[];
  const sender = (logger = capturedLogger().logger) => sandboxSmsSender(sandbox, logger);
  const fault = (body: unknown) => sandbox.post('/sms/faults', body);

  it('accepts SendSms from Tencent’s own SDK, answers as Tencent does, and lists the SMS newest first', async () => {
    const before = await received('13900000001');
    const answer = await sdk().SendSms(request({ PhoneNumberSet: ['+8613900000001'], SessionContext: 'ctx-1' }));
    expect(answer.RequestId).to.match(/^[0-9a-f-]{36}$/);
    expect(answer.SendStatusSet).to.have.length(1);
    expect(answer.SendStatusSet![0]).to.deep.include({
      PhoneNumber: '+8613900000001', Code: 'Ok', Message: 'send success', SessionContext: 'ctx-1', IsoCode: 'CN', Fee: 2,
    });
    await sdk().SendSms(request({ PhoneNumberSet: ['13900000001'], TemplateId: VERIFY, TemplateParamSet: ['482913', '5'] }));
    const list = await received('13900000001');
    expect(list.length - before.length).to.equal(2);
    expect(list[0]).to.deep.include({ mobile: '13900000001', template_id: VERIFY, params: ['482913', '5'] });
    expect(list[1]).to.deep.include({ mobile: '13900000001', template_id: NOTICE, params: NOTICE_PARAMS });
    expect(list[1]!.content).to.equal(
      '【团购平台】订单号202611789012：双人火锅套餐已下单成功，份数：2，使用截止日期：2026-12-31，请凭券码123456789012到商家进行消费，感谢您的使用。',
    );
    expect(list[1]!.serial_no).to.equal(answer.SendStatusSet![0]!.SerialNo);
    expect(Date.parse(list[0]!.time)).to.be.at.least(Date.parse(list[1]!.time));
  });

  it('accepts the project’s client for login codes and purchase notices', async () => {
    await sender().sendVerifyCode('13900000002', '093817', 5);
    await sender().sendPurchaseNotice('13900000002', {
      orderNo: '202611789012', name: '双人火锅套餐', number: '1', endDate: '2026-12-31', verifyCode: '123456789012',
    });
    expect((await received('13900000002')).map((sms) => [sms.template_id, sms.params])).to.deep.equal([
      [NOTICE, ['202611789012', '双人火锅套餐', '1', '2026-12-31', '123456789012']],
      [VERIFY, ['093817', '5']],
    ]);
  });

  it('refuses a request signed with another key, or too far from its clock, and records nothing', async () => {
    const count = (await received()).length;
    expect(await sdkError(sdk('not-the-key').SendSms(request()))).to.equal('AuthFailure.SignatureFailure');
    const skewed = await startTestSandbox({ now: () => new Date(Date.now() + 6 * 60_000) });
    try {
      expect(await sdkError(sdkFor(skewed.url).SendSms(request()))).to.equal('AuthFailure.SignatureExpire');
    } finally {
      await skewed.close();
    }
    const unsigned = await sandbox.post(TENCENT_CLOUD_PATH, request(), { headers: { 'X-TC-Action': 'SendSms', 'X-TC-Version': '2021-01-11', 'X-TC-Region': 'ap-guangzhou' } });
    expect(((await unsigned.json()) as { Response: { Error: { Code: string } } }).Response.Error.Code).to.equal('AuthFailure.InvalidAuthorization');
    expect(await received()).to.have.length(count);
  });

  it('checks the application, signature, template and parameters with Tencent’s error codes', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ SmsSdkAppId: '1400999999' }, 'InvalidParameterValue.SdkAppIdNotExist'],
      [{ SignName: '别的签名' }, 'FailedOperation.SignatureIncorrectOrUnapproved'],
      [{ TemplateId: '999' }, 'FailedOperation.TemplateIncorrectOrUnapproved'],
      [{ TemplateParamSet: NOTICE_PARAMS.slice(0, 4) }, 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate'],
      [{ TemplateParamSet: [...NOTICE_PARAMS.slice(0, 4), '123456789012,123456789013'] }, 'InvalidParameterValue.TemplateParameterLengthLimit'],
      [{ TemplateId: VERIFY, TemplateParamSet: ['12345a', '5'] }, 'InvalidParameterValue.TemplateParameterFormatError'],
      [{ PhoneNumberSet: Array.from({ length: 201 }, () => MOBILE) }, 'LimitExceeded.PhoneNumberCountLimit'],
    ];
    for (const [overrides, code] of cases) expect(await sdkError(sdk().SendSms(request(overrides))), code).to.equal(code);
  });

  it('refuses a number that is not a mainland mobile in its send status, and sends to the others', async () => {
    const answer = await sdk().SendSms(request({ PhoneNumberSet: ['+8612345', '+8613900000003'] }));
    expect(answer.SendStatusSet!.map((status) => status.Code)).to.deep.equal(['InvalidParameterValue.IncorrectPhoneNumber', 'Ok']);
    expect(await received('13900000003')).to.have.length(1);
  });

  it('plays a daily limit on the number for the next N sends, then sends again', async () => {
    expect((await fault({ fault: 'LimitExceeded.PhoneNumberDailyLimit', times: 2, mobile: '13900000004' })).status).to.equal(200);
    const log = capturedLogger();
    for (let i = 0; i < 2; i += 1) {
      const error = await caught(sender(log.logger).sendPurchaseNotice('13900000004', {
        orderNo: '202611789012', name: '套餐', number: '1', endDate: '2026-12-31', verifyCode: '123456789012',
      }));
      expect(error).to.be.instanceOf(SmsNotSent).with.property('reason', 'LimitExceeded.PhoneNumberDailyLimit');
    }
    expect(log.text()).not.to.include('123456789012');
    await sender().sendVerifyCode('13900000004', '111111', 5);
    expect((await received('13900000004')).map((sms) => sms.params[0])).to.deep.equal(['111111']);
  });

  it('plays request-level refusals and transport faults, which the client reports as failures', async () => {
    await fault({ fault: 'FailedOperation.InsufficientBalanceInSmsPackage' });
    expect(await sdkError(sdk().SendSms(request()))).to.equal('FailedOperation.InsufficientBalanceInSmsPackage');
    for (const [name, reason] of [['500', 'http 500'], ['garbage', 'not a SendSms response']] as const) {
      await fault({ fault: name });
      expect(await caught(sender().sendPurchaseNotice(MOBILE, { orderNo: '1', name: 'n', number: '1', endDate: '2026-12-31', verifyCode: '123456789012' })))
        .to.be.instanceOf(SmsNotSent).with.property('reason', reason);
    }
    await fault({ fault: 'timeout' });
    const slow = sandboxSmsSender(sandbox, capturedLogger().logger, { timeoutMs: 150 });
    expect(await caught(slow.sendVerifyCode(MOBILE, '123456', 5))).to.be.instanceOf(DomainError).with.property('code', 20004);
  });

  it('clears its faults, and refuses a control it does not know with 400', async () => {
    await fault({ fault: 'LimitExceeded.PhoneNumberDailyLimit', times: 5 });
    expect((await sandbox.get('/sms/faults', { method: 'DELETE' })).status).to.equal(204);
    await sender().sendVerifyCode('13900000005', '222222', 5);
    expect(await received('13900000005')).to.have.length(1);
    for (const body of [{ fault: 'Nope' }, { fault: '500', times: 0 }, { fault: '500', mobile: '123' }]) {
      expect((await fault(body)).status, JSON.stringify(body)).to.equal(400);
    }
  });
});
