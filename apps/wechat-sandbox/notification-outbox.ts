import type { CallLog, NotificationOutcome } from './call-log.js';

/** How the sandbox delivers notifications. */
export interface OutboxOptions {
  /** The waits before each retry after a failed attempt; its length is the number of retries. */
  readonly retryDelaysMs: readonly number[];
  /** How long one attempt may take before it counts as failed. */
  readonly timeoutMs: number;
}

/** One notification to deliver: where, what, and how to sign each attempt. */
export interface Delivery {
  readonly url: string;
  readonly body: string;
  /** Fresh signed headers for each attempt (a new timestamp and nonce). */
  readonly headers: () => Record<string, string>;
  readonly mchid: string;
  readonly eventType: string;
  readonly notificationId: string;
  readonly outTradeNo: string;
  readonly outRefundNo: string | null;
  /** A forged notification is tried once, never retried. */
  readonly forged: boolean;
}

/** How a delivery ended: whether the receiver accepted it, its last HTTP status, attempts made. */
export interface DeliveryReport {
  readonly delivered: boolean;
  readonly status: number | null;
  readonly attempts: number;
}

/**
 * Sends notifications as WeChat Pay does: POST the signed body to the notify_url; an answer of
 * 200 or 204 is success, anything else (or no answer) is retried after the configured waits.
 * Every attempt is recorded in the call log. `stop` abandons pending attempts and waits. Its
 * timers do not keep a process alive on their own.
 */
export class NotificationOutbox {
  private readonly pending = new Set<() => void>();
  private stopped = false;

  constructor(
    private readonly calls: CallLog,
    private readonly options: OutboxOptions,
  ) {}

  async deliver(delivery: Delivery): Promise<DeliveryReport> {
    const tries = delivery.forged ? 1 : this.options.retryDelaysMs.length + 1;
    let status: number | null = null;
    let attempts = 0;
    for (let attempt = 1; attempt <= tries && !this.stopped; attempt++) {
      if (attempt > 1) await this.wait(this.options.retryDelaysMs[attempt - 2]!);
      if (this.stopped) break;
      attempts = attempt;
      const outcome = await this.attempt(delivery);
      this.calls.record({
        api: 'pay-notification',
        mchid: delivery.mchid,
        event_type: delivery.eventType,
        notification_id: delivery.notificationId,
        out_trade_no: delivery.outTradeNo,
        out_refund_no: delivery.outRefundNo,
        notify_url: delivery.url,
        attempt,
        forged: delivery.forged,
        outcome,
      });
      status = outcome.result === 'unreachable' ? null : outcome.status;
      if (outcome.result === 'delivered') return { delivered: true, status, attempts };
    }
    return { delivered: false, status, attempts };
  }

  /** Runs `task` after `ms` unless the outbox stops first. */
  later(ms: number, task: () => void): void {
    void this.wait(ms).then(() => {
      if (!this.stopped) task();
    });
  }

  /** Abandons every pending wait and attempt (the server is closing). */
  stop(): void {
    this.stopped = true;
    for (const cancel of [...this.pending]) cancel();
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms).unref();
      this.pending.add(done);
    });
  }

  private async attempt(delivery: Delivery): Promise<NotificationOutcome> {
    const controller = new AbortController();
    const abort = (): void => controller.abort(new Error('sandbox closing'));
    const timer = setTimeout(() => controller.abort(new Error('timeout')), this.options.timeoutMs).unref();
    this.pending.add(abort);
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...delivery.headers() },
        body: delivery.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      const accepted = response.status === 200 || response.status === 204;
      return { result: accepted ? 'delivered' : 'refused', status: response.status };
    } catch (error) {
      return { result: 'unreachable', error: describeFailure(error, controller.signal) };
    } finally {
      clearTimeout(timer);
      this.pending.delete(abort);
    }
  }
}

function describeFailure(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return signal.reason instanceof Error ? signal.reason.message : 'aborted';
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
