import { invalidParameter } from '../shared/domain-error.js';

/** A mainland China mobile number: 11 digits, `1` then `3`-`9`. */
export class Mobile {
  private constructor(readonly value: string) {}

  static readonly pattern = /^1[3-9]\d{9}$/;

  static create(raw: string, parameter = 'mobile'): Mobile {
    if (!Mobile.pattern.test(raw)) throw invalidParameter(parameter, '须为11位手机号');
    return new Mobile(raw);
  }

  /** `138****8000`: the default name of a user created by mobile. */
  masked(): string {
    return maskMobile(this.value);
  }

  toString(): string {
    return this.value;
  }
}

/** `138****8000`: enough to tell numbers apart (in a name, in a log), not enough to reach anyone. */
export function maskMobile(mobile: string): string {
  return mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****';
}
