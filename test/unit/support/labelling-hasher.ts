import type { SecretHasher } from '../../../core/index.js';

/** A readable stand-in for a one-way hash: `hash(tok-1)`. Distinct secrets give distinct hashes. */
export class LabellingHasher implements SecretHasher {
  hash(secret: string): string {
    return `hash(${secret})`;
  }
}
