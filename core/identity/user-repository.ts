import type { User } from './user.js';

export interface UserRepository {
  findById(id: number): Promise<User | null>;
  findByMobile(mobile: string): Promise<User | null>;
  /**
   * The user with this mobile, created with `name` if there was none. Safe under races: two
   * callers with the same new mobile get the same user.
   */
  findOrCreateByMobile(mobile: string, name: string, now: Date): Promise<User>;
}
