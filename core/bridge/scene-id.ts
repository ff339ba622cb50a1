import { DomainError } from '../shared/domain-error.js';
import type { Random } from '../shared/random.js';

/**
 * The `scene` of a bridge's mini-program code: at most 32 characters of `[0-9A-Za-z]` (WeChat's
 * limit for `getwxacodeunlimit`). New ones are 32 random digits, unguessable (about 106 bits).
 */
export class SceneId {
  private constructor(readonly value: string) {}

  static readonly pattern = /^[0-9A-Za-z]{1,32}$/;

  /** A scene id from a client: anything WeChat could not have put in a code is 60001, as an unknown scene is. */
  static parse(raw: string): SceneId {
    if (!SceneId.pattern.test(raw)) throw new DomainError(60001);
    return new SceneId(raw);
  }

  static next(random: Random): SceneId {
    return new SceneId(random.digits(32));
  }

  toString(): string {
    return this.value;
  }
}
