import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { expect } from 'chai';
import { TencentSmsSender, type TencentSmsSenderOptions } from '../../../adapters/sms/tencent-sms-sender.js';
import { DomainError } from '../../../core/shared/domain-error.js';
import { SmsNotSent } from '../../../core/notices/purchase-notice-sender.js';
import { type CapturedLogger, capturedLogger } from '../support/captured-logger.js';
import { caught } from '../support/caught.js';
import { type LocalHttpServer, sendJson, startLocalHttpServer } from '../support/local-http-server.js';
import { tc3Refusal } from '../../../apps/wechat-sandbox/sms-auth.js';

const SECRET_ID = 'AKIDtestsecretid0000000000000000';
const SECRET_KEY = 'tc-secret-key-never-logged-8f2b';
const MOBILE = '13800138000';
const CODE = '493817';
const NOW = new Date('2024-03-31T16:30:05Z'); // 2024-04-01 00:30:05 in Beijing: the scope date is UTC's

interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
  readonly refusal: string | null;
}

describe('TencentSmsSender', () => {
  let server: LocalHttpServer;
  let received: Received[];
  let reply: (response: ServerResponse) => void;
  let log: CapturedLogger;

  const okReply = (response: ServerResponse) =>
    sendJson(response, {
      Response: {
        SendStatusSet: [
          { SerialNo: '5000:1045710669157053657849499619', PhoneNumber: `+86${MOBILE}`, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' },
        ],
        RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279',
      },
    });
  const errorReply = (code: string, message: string) => (response: ServerResponse) =>
    sendJson(response, { Response: { Error: { Code: code, Message: message }, RequestId: 'req-error' } });

  const sender = (overrides: Partial<TencentSmsSenderOptions> = {}) =>
    new TencentSmsSender({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      sdkAppId: '1400006666',
      signName: '团购小程序',
      templateId: '1110',
      region: 'ap-guangzhou',
      endpoint: server.url,
      timeoutMs: 2000,
      logger: log.logger,
      clock: { now: () => NOW },
      ...overrides,
    });
  const smsError = async (promise: Promise<unknown>): Promise<DomainError> => {
    const error = await caught(promise);
    expect(error).to.be.instanceOf(DomainError).with.property('code', 20004);
    return error as DomainError;
  };

  before(async () => {
    server = await startLocalHttpServer((request, response, body) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const refusal = tc3Refusal({ [SECRET_ID]: SECRET_KEY }, { method: request.method ?? '', path, headers: request.headers, body });
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: JSON.parse(body), refusal });
      if (refusal) errorReply(refusal, 'The provided credentials could not be validated.')(response);
      else reply(response);
    });
  });
  after(() => server.close());
  beforeEach(() => {
    received = [];
    reply = okReply;
    log = capturedLogger();
  });

  it('sends SendSms, signed so that an independent verifier accepts it', async () => {
    await sender().sendVerifyCode(MOBILE, CODE, 5);
    expect(received).to.have.length(1);
    const [call] = received;
    expect(call!.refusal).to.equal(null);
    expect(call!.method).to.equal('POST');
    expect(call!.path).to.equal('/');
    expect(call!.headers).to.include({
      'content-type': 'application/json; charset=utf-8',
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
      'x-tc-timestamp': String(NOW.getTime() / 1000),
    });
    expect(call!.headers.authorization).to.match(
      /^TC3-HMAC-SHA256 Credential=AKIDtestsecretid0000000000000000\/2024-03-31\/sms\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/,
    );
    expect(call!.body).to.deep.equal({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400006666',
      SignName: '团购小程序',
      TemplateId: '1110',
      TemplateParamSet: [CODE, '5'],
    });
  });

  it('logs the send with the masked mobile and the request id', async () => {
    await sender().sendVerifyCode(MOBILE, CODE, 5);
    expect(log.entries().at(-1)).to.include({ level: 30, mobile: '138****8000', requestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279' });
  });

  it('is refused with 20004 when signed with the wrong SecretKey', async () => {
    await smsError(sender({ secretKey: 'not-the-key' }).sendVerifyCode(MOBILE, CODE, 5));
    expect(received[0]!.refusal).to.equal('AuthFailure.SignatureFailure');
    expect(log.entries().at(-1)).to.include({ level: 40, errorCode: 'AuthFailure.SignatureFailure', requestId: 'req-error' });
  });

  it('answers Response.Error with 20004', async () => {
    reply = errorReply('FailedOperation.InsufficientBalanceInSmsPackage', 'insufficient balance');
    await smsError(sender().sendVerifyCode(MOBILE, CODE, 5));
  });

  it('answers a send status other than Ok with 20004', async () => {
    reply = (response) =>
      sendJson(response, {
        Response: {
          SendStatusSet: [{ SerialNo: '', PhoneNumber: `+86${MOBILE}`, Fee: 0, Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: 'daily limit' }],
          RequestId: 'req-limit',
        },
      });
    await smsError(sender().sendVerifyCode(MOBILE, CODE, 5));
    expect(log.entries().at(-1)).to.include({ sendCode: 'LimitExceeded.PhoneNumberDailyLimit', requestId: 'req-limit' });
  });

  it('answers an empty send status set with 20004', async () => {
    reply = (response) => sendJson(response, { Response: { SendStatusSet: [], RequestId: 'r' } });
    await smsError(sender().sendVerifyCode(MOBILE, CODE, 5));
  });

  it('answers HTTP 502 and a body that is not a response with 20004', async () => {
    reply = (response) => sendJson(response, { error: 'bad gateway' }, 502);
    await smsError(sender().sendVerifyCode(MOBILE, CODE, 5));
    for (const body of ['<html>oops</html>', '{"Response": "x"}', '[]']) {
      reply = (response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(body);
      };
      await smsError(sender().sendVerifyCode(MOBILE, CODE, 5));
    }
  });

  it('gives up after timeoutMs', async () => {
    reply = () => undefined;
    const started = Date.now();
    await smsError(sender({ timeoutMs: 150 }).sendVerifyCode(MOBILE, CODE, 5));
    expect(Date.now() - started).to.be.within(140, 1500);
    expect(log.entries().at(-1)).to.include({ reason: 'timeout' });
  });

  it('answers an unreachable provider with 20004', async () => {
    const closed = await startLocalHttpServer(() => undefined);
    await closed.close();
    await smsError(sender({ endpoint: closed.url }).sendVerifyCode(MOBILE, CODE, 5));
    expect(log.entries().at(-1)).to.include({ reason: 'network' });
  });

  it('never logs the code or the SecretKey, even when the provider echoes the code', async () => {
    const errors: unknown[] = [];
    for (const r of [okReply, errorReply('InvalidParameterValue.TemplateParameterFormatError', `bad parameter ${CODE}`)]) {
      reply = r;
      errors.push(await sender().sendVerifyCode(MOBILE, CODE, 5).catch((error: unknown) => error));
    }
    errors.push(await sender({ secretKey: 'wrong' }).sendVerifyCode(MOBILE, CODE, 5).catch((error: unknown) => error));
    expect(log.entries()).to.have.length(3);
    for (const text of [log.text(), ...errors.map((e) => (e instanceof Error ? `${e.message} ${e.stack}` : String(e)))]) {
      expect(text).not.to.include(CODE);
      expect(text).not.to.include(SECRET_KEY);
      expect(text).not.to.include(MOBILE);
    }
  });

  describe('purchase notices', () => {
    const message = { orderNo: '202611789012', name: '双人火锅套餐', number: '2', endDate: '2026-12-31', verifyCode: '123456789012,223456789012' };

    it('sends the notice template with its five parameters in order, signed over the endpoint’s path', async () => {
      await sender({ notifyTemplateId: '2220', endpoint: `${server.url}/tencent/sms` }).sendPurchaseNotice(MOBILE, message);
      expect(received[0]!.refusal).to.equal(null);
      expect(received[0]!.path).to.equal('/tencent/sms');
      expect(received[0]!.body).to.deep.include({
        TemplateId: '2220',
        TemplateParamSet: ['202611789012', '双人火锅套餐', '2', '2026-12-31', '123456789012,223456789012'],
      });
    });

    it('rejects with SmsNotSent naming Tencent’s code, and logs no code even when echoed', async () => {
      reply = errorReply('InvalidParameterValue.TemplateParameterLengthLimit', 'too long: 123456789012,223456789012');
      const error = await caught(sender({ notifyTemplateId: '2220' }).sendPurchaseNotice(MOBILE, message));
      expect(error).to.be.instanceOf(SmsNotSent).with.property('reason', 'InvalidParameterValue.TemplateParameterLengthLimit');
      expect(log.text()).not.to.include('123456789012');
      expect(log.text()).not.to.include('223456789012');
      expect(log.text()).not.to.include(MOBILE);
    });

    it('refuses to send without a notice template', async () => {
      expect(await caught(sender().sendPurchaseNotice(MOBILE, message))).to.be.instanceOf(SmsNotSent);
      expect(received).to.deep.equal([]);
    });
  });
});
