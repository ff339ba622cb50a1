/**
 * The demo's public accounts: what a developer would read off WeChat's and Tencent Cloud's
 * consoles for the development sandbox. The sandbox plays these accounts; the API's demo data and
 * its test behaviours use them. Both sides read this module, as two parties read the same
 * published test credentials, so neither imports the other. It imports nothing.
 */

/** A demo mini program: its AppID, the AppSecret it must be called with, the demo user's openId in it. */
export interface DemoMiniProgram {
  readonly appid: string;
  readonly secret: string;
  /** The openId WeChat (the sandbox) answers for the `wx.login` code `user` in this mini program. */
  readonly demoUserOpenId: string;
}

/**
 * The demo mini programs: the demo data binds oper 1 to `wx0000000000000001` and oper 2 to
 * `wx0000000000000002`. The secrets are obviously fake and have WeChat's length (32). The openIds
 * are the sandbox's rule applied to code `user` (test/sandbox/demo-apps.test.ts keeps them so).
 */
export const DEMO_APPS: ReadonlyArray<DemoMiniProgram> = Object.freeze([
  Object.freeze({ appid: 'wx0000000000000001', secret: 'sandbox-secret-0001-fake-0000001', demoUserOpenId: 'oq5SCwDuNeibzu7yBagtBi2ctBxJ' }),
  Object.freeze({ appid: 'wx0000000000000002', secret: 'sandbox-secret-0002-fake-0000002', demoUserOpenId: 'o0CqSwHAqiAiS3U5e7PZumynKEnb' }),
]);

/** The demo user's openId in the demo mini program `appid`; an unknown appid is a programming error. */
export function demoUserOpenId(appid: string): string {
  const app = DEMO_APPS.find((candidate) => candidate.appid === appid);
  if (!app) throw new RangeError(`${appid} is not a demo mini program`);
  return app.demoUserOpenId;
}

/** Where the sandbox serves Tencent Cloud's SMS API, under `/wechat-sandbox` (`https://sms.tencentcloudapi.com/` in life). */
export const TENCENT_CLOUD_PATH = '/tencentcloud/sms';

/** A template the sandbox's SMS account has approved; `{1}`, `{2}`… are its parameters. */
export interface DemoSmsTemplate {
  readonly id: string;
  /** `verify`: a verification-code template, whose parameters must be 0-6 digits. */
  readonly kind: 'verify' | 'notice';
  readonly content: string;
}

/** A Tencent Cloud SMS account as the sandbox plays it and the app signs with outside production: API key, SMS application, signature, templates. */
export interface DemoSmsAccount {
  readonly secretId: string;
  readonly secretKey: string;
  readonly sdkAppId: string;
  readonly signName: string;
  readonly templates: readonly DemoSmsTemplate[];
  /**
   * The longest value one template parameter may take, in characters: 12, Tencent's limit for
   * accounts without an enterprise exemption (`InvalidParameterValue.TemplateParameterLengthLimit`).
   */
  readonly maxParamLength: number;
}

/**
 * The sandbox's SMS account, public like the demo mini programs' secrets: an app outside
 * production with no SMS credentials of its own signs with these.
 */
export const DEMO_SMS_ACCOUNT: DemoSmsAccount = {
  secretId: 'AKIDsandboxSms00000000000000000000000',
  secretKey: 'sandbox-sms-secret-key-public-on-purpose',
  sdkAppId: '1400000001',
  signName: '团购平台',
  templates: [
    { id: '1000001', kind: 'verify', content: '您的登录验证码为{1}，{2}分钟内有效，如非本人操作请忽略。' },
    {
      id: '1000002',
      kind: 'notice',
      content: '订单号{1}：{2}已下单成功，份数：{3}，使用截止日期：{4}，请凭券码{5}到商家进行消费，感谢您的使用。',
    },
  ],
  maxParamLength: 12,
};

/** The template of `kind` in the demo account. */
export function demoSmsTemplateId(kind: DemoSmsTemplate['kind']): string {
  return DEMO_SMS_ACCOUNT.templates.find((template) => template.kind === kind)!.id;
}
