/** An SMS the sandbox accepted, as `GET /wechat-sandbox/sms` lists it. */
export interface SmsRecord {
  /** The 11-digit mainland number, without `+86`. */
  readonly mobile: string;
  readonly template_id: string;
  readonly params: readonly string[];
  /** When it arrived (ISO 8601). */
  readonly time: string;
  /** The text the phone would show: signature and template with its parameters. */
  readonly content: string;
  readonly serial_no: string;
}

/**
 * Faults the SMS sandbox can play: transport faults (`500`, `timeout`, `garbage`), a refusal of
 * the whole request (`Response.Error`), or a refusal of the number (a send status other than `Ok`).
 */
export const SMS_FAULTS = {
  '500': 'transport',
  timeout: 'transport',
  garbage: 'transport',
  'FailedOperation.InsufficientBalanceInSmsPackage': 'request',
  'InternalError.Timeout': 'request',
  'RequestLimitExceeded': 'request',
  'LimitExceeded.PhoneNumberDailyLimit': 'number',
  'LimitExceeded.PhoneNumberOneHourLimit': 'number',
  'LimitExceeded.PhoneNumberThirtySecondLimit': 'number',
  'LimitExceeded.PhoneNumberSameContentDailyLimit': 'number',
  'FailedOperation.PhoneNumberInBlacklist': 'number',
} as const;

export type SmsFault = keyof typeof SMS_FAULTS;

export function isSmsFault(name: string): name is SmsFault {
  return Object.hasOwn(SMS_FAULTS, name);
}

/** What the sandbox's SMS side keeps: what it received, and the faults still to play. */
export class SmsState {
  private readonly received: SmsRecord[] = [];
  private faults: Array<{ fault: SmsFault; left: number; mobile: string | null }> = [];
  private serial = 0;

  constructor(
    private readonly capacity = 1000,
    readonly now: () => Date = () => new Date(),
  ) {}

  /** Records an accepted SMS and returns its record. */
  record(fields: Omit<SmsRecord, 'time' | 'serial_no'>): SmsRecord {
    this.serial += 1;
    const record: SmsRecord = { ...fields, time: this.now().toISOString(), serial_no: `2433:${String(this.serial).padStart(19, '0')}` };
    this.received.push(record);
    if (this.received.length > this.capacity) this.received.shift();
    return record;
  }

  /** The SMS received, newest first; only those to `mobile` when given. */
  list(mobile?: string): SmsRecord[] {
    return this.received.filter((record) => mobile === undefined || record.mobile === mobile).reverse();
  }

  /** The next `times` SendSms calls (only those to `mobile`, when given) fail with `fault`. */
  addFault(fault: SmsFault, times: number, mobile: string | null): void {
    this.faults.push({ fault, left: times, mobile });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** The fault this call plays, if one is queued for it (and counts it). */
  takeFault(mobiles: readonly string[]): SmsFault | null {
    const entry = this.faults.find((candidate) => candidate.mobile === null || mobiles.includes(candidate.mobile));
    if (!entry) return null;
    entry.left -= 1;
    if (entry.left <= 0) this.faults = this.faults.filter((candidate) => candidate !== entry);
    return entry.fault;
  }
}
