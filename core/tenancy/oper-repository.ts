import type { Oper } from './oper.js';

/** Operation centres and their mini-program and WeChat Pay configuration. */
export interface OperRepository {
  findById(id: number): Promise<Oper | null>;
  /** The oper whose mini program has this appid, enabled or not. */
  findByAppid(appid: string): Promise<Oper | null>;
}
