/**
 * Sends a login code by SMS. Throws a DomainError 20004 when the provider refuses or cannot be
 * reached; never logs the code outside development.
 */
export interface SmsSender {
  sendVerifyCode(mobile: string, code: string, ttlMinutes: number): Promise<void>;
}
