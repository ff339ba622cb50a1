import type { VerifyCodeDigest } from '../../../core/index.js';

/** A readable stand-in for the keyed digest of SMS codes: `digest(13800138000:123456)`. */
export class LabellingDigest implements VerifyCodeDigest {
  digest(mobile: string, code: string): string {
    return `digest(${mobile}:${code})`;
  }

  matches(stored: string, mobile: string, code: string): boolean {
    return stored === this.digest(mobile, code);
  }
}

export const labellingDigest = new LabellingDigest();
