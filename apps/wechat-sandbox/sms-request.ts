import type { SandboxSmsAccount, SandboxSmsTemplate } from './sms-account.js';

/** The body of a `SendSms` call (version 2021-01-11), as far as the sandbox reads it. */
export interface SendSmsRequest {
  readonly PhoneNumberSet?: unknown;
  readonly SmsSdkAppId?: unknown;
  readonly SignName?: unknown;
  readonly TemplateId?: unknown;
  readonly TemplateParamSet?: unknown;
  readonly SessionContext?: unknown;
}

/** A request that passed the checks: its numbers (null where one is not a mainland mobile), template and text. */
export interface CheckedSendSms {
  readonly numbers: ReadonlyArray<{ readonly given: string; readonly mobile: string | null }>;
  readonly template: SandboxSmsTemplate;
  readonly params: readonly string[];
  readonly content: string;
  /** Billed messages per number: one up to 70 characters, else one per 67. */
  readonly fee: number;
}

const MAX_NUMBERS = 200;

/**
 * Checks a `SendSms` body against the account as Tencent does, answering its error codes: the
 * application, the signature, the template, the number and form of its parameters (a
 * verification-code template takes 0-6 digits; any parameter at most `maxParamLength` characters).
 */
export function checkSendSms(account: SandboxSmsAccount, request: SendSmsRequest): CheckedSendSms | { code: string; message: string } {
  const { PhoneNumberSet: numbers, TemplateParamSet: rawParams } = request;
  if (!Array.isArray(numbers) || numbers.length === 0 || numbers.some((n) => typeof n !== 'string')) {
    return { code: 'MissingParameter', message: 'PhoneNumberSet must be a non-empty array of strings.' };
  }
  if (numbers.length > MAX_NUMBERS) return { code: 'LimitExceeded.PhoneNumberCountLimit', message: 'At most 200 numbers per request.' };
  if (request.SmsSdkAppId !== account.sdkAppId) return { code: 'InvalidParameterValue.SdkAppIdNotExist', message: 'SdkAppId does not exist.' };
  if (request.SignName !== account.signName) {
    return { code: 'FailedOperation.SignatureIncorrectOrUnapproved', message: 'The signature is not approved or is malformed.' };
  }
  const template = account.templates.find((candidate) => candidate.id === request.TemplateId);
  if (!template) return { code: 'FailedOperation.TemplateIncorrectOrUnapproved', message: 'The template is not approved or does not match.' };
  const params = rawParams ?? [];
  if (!Array.isArray(params) || params.some((p) => typeof p !== 'string')) {
    return { code: 'InvalidParameter', message: 'TemplateParamSet must be an array of strings.' };
  }
  const slots = template.content.match(/\{\d+\}/g)?.length ?? 0;
  if (params.length !== slots) {
    return { code: 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate', message: `The template takes ${slots} parameters.` };
  }
  const values = params as string[];
  if (template.kind === 'verify' && values.some((value) => !/^\d{0,6}$/.test(value))) {
    return { code: 'InvalidParameterValue.TemplateParameterFormatError', message: 'A verification-code template takes 0-6 digits per parameter.' };
  }
  if (values.some((value) => Array.from(value).length > account.maxParamLength)) {
    return {
      code: 'InvalidParameterValue.TemplateParameterLengthLimit',
      message: `A template parameter has more than ${account.maxParamLength} characters.`,
    };
  }
  const text = template.content.replace(/\{(\d+)\}/g, (_slot, index: string) => values[Number(index) - 1] ?? '');
  const content = `【${account.signName}】${text}`;
  const length = Array.from(content).length;
  return {
    numbers: (numbers as string[]).map((given) => ({ given, mobile: mainlandMobile(given) })),
    template,
    params: values,
    content,
    fee: length <= 70 ? 1 : Math.ceil(length / 67),
  };
}

/** The 11 digits of a mainland mobile given as `+86…`, `0086…`, `86…` or bare; null otherwise. */
function mainlandMobile(given: string): string | null {
  const match = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(given);
  return match ? match[1]! : null;
}
