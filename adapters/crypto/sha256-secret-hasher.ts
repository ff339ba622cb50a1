import { createHash } from 'node:crypto';
import type { SecretHasher } from '../../core/shared/random.js';

/**
 * {@link SecretHasher} as lowercase hex SHA-256 of the UTF-8 secret. Unsalted on purpose: the
 * secrets it hashes are random tokens of 256 bits, looked up by their hash.
 */
export class Sha256SecretHasher implements SecretHasher {
  hash(secret: string): string {
    return createHash('sha256').update(secret, 'utf8').digest('hex');
  }
}
