/** Where the sandbox serves Tencent Cloud's SMS API, under `/wechat-sandbox` (`https://sms.tencentcloudapi.com/` in life). */
export const TENCENT_CLOUD_PATH = '/tencentcloud/sms';

/** A template the sandbox's SMS account has approved; `{1}`, `{2}`… are its parameters. */
export interface SandboxSmsTemplate {
  readonly id: string;
  /** `verify`: a verification-code template, whose parameters must be 0-6 digits. */
  readonly kind: 'verify' | 'notice';
  readonly content: string;
}

/** A Tencent Cloud SMS account as the sandbox plays it: API key, SMS application, signature, templates. */
export interface SandboxSmsAccount {
  readonly secretId: string;
  readonly secretKey: string;
  readonly sdkAppId: string;
  readonly signName: string;
  readonly templates: readonly SandboxSmsTemplate[];
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
export const DEMO_SMS_ACCOUNT: SandboxSmsAccount = {
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
export function demoSmsTemplateId(kind: SandboxSmsTemplate['kind']): string {
  return DEMO_SMS_ACCOUNT.templates.find((template) => template.kind === kind)!.id;
}
