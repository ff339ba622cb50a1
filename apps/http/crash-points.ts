import { writeSync } from 'node:fs';
import type { UnitOfWork } from '../../core/index.js';

/**
 * Where a test process kills itself: the point's name, and which time it is reached (1 = the first).
 * Written `name` or `name#n` in `CRASH_AT` (only with `APP_ENV=test`; the config refuses it elsewhere).
 */
export interface CrashPlan {
  readonly point: string;
  readonly occurrence: number;
}

/**
 * The named points between the steps of the flows, for crash tests: after each call of a port
 * wrapped with {@link CrashPoints.after} (`wechat-pay.prepay`: WeChat Pay created the transaction;
 * `wechat-pay.close`, `wechat-pay.refund`, `wechat-pay.openPaymentNotice`: a notification verified,
 * not yet recorded; …), inside every transaction after its work, before its commit
 * (`unit-of-work.before-commit`), and right after each commit (`unit-of-work.after-commit`). Reaching the planned point writes one line to stdout and sends
 * this process SIGKILL: no handler, no flush, no rollback by the app, as a power cut.
 */
export class CrashPoints {
  private reached = 0;

  constructor(
    private readonly plan: CrashPlan,
    private readonly die: () => void = () => process.kill(process.pid, 'SIGKILL'),
  ) {}

  reach(point: string): void {
    if (point !== this.plan.point || ++this.reached !== this.plan.occurrence) return;
    writeSync(1, `${JSON.stringify({ level: 60, msg: 'crash point reached', point, occurrence: this.reached })}\n`);
    this.die();
  }

  /** `port` with each method reaching `<name>.<method>` once its result (awaited, if a promise) is there. */
  after<T extends object>(name: string, port: T): T {
    return new Proxy(port, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        const point = `${name}.${property}`;
        return (...args: unknown[]) => {
          const result: unknown = value.apply(target, args);
          if (!(result instanceof Promise)) {
            this.reach(point);
            return result;
          }
          return result.then((resolved: unknown) => {
            this.reach(point);
            return resolved;
          });
        };
      },
    });
  }

  /**
   * `uow` whose transactions reach `unit-of-work.before-commit` when their work is done, and
   * `unit-of-work.after-commit` once committed, before the caller goes on (the answer unsent).
   */
  aroundCommit(uow: UnitOfWork): UnitOfWork {
    return {
      run: async (work) => {
        const result = await uow.run(async (repositories) => {
          const done = await work(repositories);
          this.reach('unit-of-work.before-commit');
          return done;
        });
        this.reach('unit-of-work.after-commit');
        return result;
      },
    };
  }
}

/** `CRASH_AT` read: `name` or `name#n`; null when unset. */
export function parseCrashPlan(raw: string | null): CrashPlan | null {
  if (raw === null) return null;
  const match = /^([a-z][a-zA-Z-]*\.[a-zA-Z-]+)(?:#([1-9][0-9]{0,3}))?$/.exec(raw);
  if (!match) throw new Error(`CRASH_AT must be <port>.<point> or <port>.<point>#<n>, not "${raw}"`);
  return { point: match[1]!, occurrence: Number(match[2] ?? 1) };
}
