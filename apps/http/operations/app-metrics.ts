import type { Knex } from 'knex';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DomainError } from '../../../core/index.js';

/** Latency buckets in seconds: sub-millisecond answers up to WeChat's timeouts. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** How a call to WeChat ended: answered, refused with a business code, failed (70012), or a fault. */
export type CallOutcome = 'ok' | 'refused' | 'failed' | 'error';

/**
 * The metrics of one app instance, in a registry of its own (several instances may share a
 * process in tests); the process's own metrics (CPU, memory, event loop, GC) are collected once
 * per process and merged in when scraped. Names follow Prometheus' conventions (`_total`,
 * `_seconds`); labels have bounded values (route templates, never raw paths).
 */
export class AppMetrics {
  readonly registry = new Registry();
  readonly #requests = new Counter({
    name: 'o2o_http_requests_total',
    help: 'API requests by method, route template, HTTP status and envelope code',
    labelNames: ['method', 'route', 'status', 'code'] as const,
    registers: [this.registry],
  });
  readonly #latency = new Histogram({
    name: 'o2o_http_request_duration_seconds',
    help: 'API request latency by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly #wechatCalls = new Counter({
    name: 'o2o_wechat_calls_total',
    help: 'Calls to WeChat and WeChat Pay by API and outcome',
    labelNames: ['api', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly #wechatLatency = new Histogram({
    name: 'o2o_wechat_call_duration_seconds',
    help: 'Latency of calls to WeChat and WeChat Pay by API',
    labelNames: ['api'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly #jobRuns = new Counter({
    name: 'o2o_job_runs_total',
    help: 'Runs of the periodic jobs (order sweep, reconciliation, housekeeping, purchase notices) by outcome',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly #jobItems = new Counter({
    name: 'o2o_job_items_total',
    help: 'What the periodic jobs did, by job and kind (closed, paid, failed, ordersChecked, sent, …)',
    labelNames: ['job', 'kind'] as const,
    registers: [this.registry],
  });

  /**
   * The counter and histogram children of each label set seen, kept: prom-client hashes a label
   * object on every call otherwise. Bounded as the labels are (route templates, statuses, codes).
   */
  readonly #requestSeries = new Map<string, { readonly count: { inc(): void }; readonly latency: { observe(seconds: number): void } }>();

  /** Counts one API request. */
  request(method: string, route: string, status: number, code: number | null, seconds: number): void {
    const key = `${method} ${route} ${status} ${code ?? ''}`;
    let series = this.#requestSeries.get(key);
    if (!series) {
      series = {
        count: this.#requests.labels({ method, route, status: String(status), code: code === null ? '' : String(code) }),
        latency: this.#latency.labels({ method, route }),
      };
      this.#requestSeries.set(key, series);
    }
    series.count.inc();
    series.latency.observe(seconds);
  }

  /** Counts one WeChat call. */
  wechatCall(api: string, outcome: CallOutcome, seconds: number): void {
    this.#wechatCalls.inc({ api, outcome });
    this.#wechatLatency.observe({ api }, seconds);
  }

  /**
   * Counts one run of a periodic job and what its result reports: the numbers of an object (kind:
   * the key), or the `outcome` of each entry of a list (the purchase notices' attempts).
   */
  jobRun(job: string, outcome: 'ok' | 'error', result?: unknown): void {
    this.#jobRuns.inc({ job, outcome });
    if (Array.isArray(result)) {
      for (const entry of result as unknown[]) {
        const kind = (entry as { outcome?: unknown } | null)?.outcome;
        if (typeof kind === 'string') this.#jobItems.inc({ job, kind });
      }
      return;
    }
    if (typeof result !== 'object' || result === null) return;
    for (const [kind, value] of Object.entries(result)) {
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) this.#jobItems.inc({ job, kind }, value);
    }
  }

  /** Reports the connection pool of `db` (in use, idle, waiting) at each scrape. */
  observePool(db: Knex): void {
    const pool = db.client.pool;
    const count = (what: 'numUsed' | 'numFree' | 'numPendingAcquires'): number => {
      const read = pool && what in pool ? (pool as unknown as Record<typeof what, () => number>)[what] : null;
      return typeof read === 'function' ? read.call(pool) : 0;
    };
    const gauge = (name: string, help: string, what: 'numUsed' | 'numFree' | 'numPendingAcquires') =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(count(what));
        },
      });
    gauge('o2o_db_pool_connections_in_use', 'Database connections lent to queries now', 'numUsed');
    gauge('o2o_db_pool_connections_idle', 'Open database connections waiting for a query', 'numFree');
    gauge('o2o_db_pool_acquires_pending', 'Queries waiting for a database connection', 'numPendingAcquires');
  }

  /** The Prometheus text of this instance and of the process. */
  async render(): Promise<{ contentType: string; text: string }> {
    const merged = Registry.merge([processRegistry(), this.registry]);
    return { contentType: merged.contentType, text: await merged.metrics() };
  }

  /**
   * `target` with each of its methods that returns a promise counted as a call of
   * `<prefix>.<method>` (methods answering synchronously, such as signing locally, are not calls).
   * A Proxy rather than a class per port, so that methods added to a port are counted too.
   */
  meterCalls<T extends object>(prefix: string, target: T): T {
    return new Proxy(target, {
      get: (object, property) => {
        const value: unknown = Reflect.get(object, property);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          const started = performance.now();
          const result: unknown = value.apply(object, args);
          if (!(result instanceof Promise)) return result;
          const api = `${prefix}.${property}`;
          const seconds = () => (performance.now() - started) / 1000;
          return result.then(
            (answer: unknown) => {
              this.wechatCall(api, 'ok', seconds());
              return answer;
            },
            (error: unknown) => {
              this.wechatCall(api, outcomeOf(error), seconds());
              throw error;
            },
          );
        };
      },
    });
  }

  /** `job` whose `execute` runs are counted as runs of the periodic job `name`, with their result. */
  meterJob<T extends { execute(): Promise<unknown> }>(name: string, job: T): T {
    return new Proxy(job, {
      get: (object, property) => {
        if (property !== 'execute') return Reflect.get(object, property);
        return async () => {
          try {
            const result = await object.execute();
            this.jobRun(name, 'ok', result);
            return result;
          } catch (error) {
            this.jobRun(name, 'error');
            throw error;
          }
        };
      },
    });
  }
}

function outcomeOf(error: unknown): CallOutcome {
  if (!(error instanceof DomainError)) return 'error';
  return error.code === 70012 ? 'failed' : 'refused';
}

let shared: Registry | null = null;

/** The process's own metrics, collected once however many instances the process runs. */
function processRegistry(): Registry {
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}
