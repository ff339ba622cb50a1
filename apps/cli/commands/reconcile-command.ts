import type { LogFields, OrderingLog, ReconcileScope } from '../../../core/index.js';
import { TOKENS as T } from '../../../adapters/tokens.js';
import { type CliContext, type CliOutput, databaseOf } from '../cli-context.js';
import { CommandFailed } from './command-failed.js';

/** A problem a use case reported during the pass: which order (and refund), and why. */
interface Problem {
  readonly level: 'warn' | 'error';
  readonly order_no: string;
  readonly out_refund_no?: string;
  readonly what: string;
  readonly reason?: string;
}

/**
 * `reconcile [--due]`: one reconciliation pass now, as the periodic job of an instance makes it,
 * then one run of the order sweep (expired unpaid orders: a payment found is recorded, else the
 * WeChat transaction and the order are closed). By default every unsettled check is made now
 * (`all`); `--due` makes only those whose time has come, exactly the job's pass. The checks are
 * claimed as the instances claim them, so running it beside them checks nothing twice.
 *
 * Problems are printed with their order numbers (the ordering log's lines, which carry no
 * secrets). Exit code 0 when the pass ran, whatever it found; 1 when it could not run.
 */
export async function reconcileCommand(context: CliContext, io: CliOutput, options: { due?: boolean; json?: boolean }): Promise<void> {
  const scope: ReconcileScope = options.due ? 'due' : 'all';
  const problems: Problem[] = [];
  captureOrderingLog(context, problems);
  const view = await runPass(context, scope, problems);
  if (options.json) return void io.out(JSON.stringify(view, null, 2));
  io.out(`reconciled with WeChat Pay on ${databaseOf(context)} (${scope === 'all' ? 'everything unsettled' : 'the checks that were due'})`);
  io.out(`  unpaid orders   ${view.orders.checked} checked, ${view.orders.paid} found paid`);
  io.out(`  refunds         ${view.refunds.checked} checked, ${view.refunds.settled} settled`);
  io.out(`  expired orders  ${view.expired_orders.closed} closed, ${view.expired_orders.paid} found paid`);
  io.out(`  failed          ${view.failed}`);
  io.out(`problems (${problems.length})`);
  for (const problem of problems) {
    const refund = problem.out_refund_no ? ` refund ${problem.out_refund_no}` : '';
    io.out(`  ${problem.level.padEnd(5)} order ${problem.order_no}${refund}: ${problem.what}${problem.reason ? ` (${problem.reason})` : ''}`);
  }
}

/** The reconciliation pass, then the sweep; what could not run at all is one line (exit code 1). */
async function runPass(context: CliContext, scope: ReconcileScope, problems: readonly Problem[]) {
  try {
    const found = await context.container.get(T.ReconcileWithWechatPay).execute(scope);
    const swept = await context.container.get(T.CloseExpiredOrders).execute();
    return {
      scope,
      orders: { checked: found.ordersChecked, paid: found.paid },
      refunds: { checked: found.refundsChecked, settled: found.refundsSettled },
      expired_orders: { closed: swept.closed, paid: swept.paid, skipped: swept.skipped },
      failed: found.failed + swept.failed,
      problems,
    };
  } catch (error) {
    context.logger.error({ err: error }, 'reconciliation could not run');
    throw new CommandFailed(`reconciliation could not run on ${databaseOf(context)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Replaces the ordering log of this composition by one that keeps each line naming an order for
 * the report, and still writes it to the CLI's log. Done before any use case is built.
 */
function captureOrderingLog(context: CliContext, problems: Problem[]): void {
  const logger = context.logger.child({ module: 'ordering' });
  const keep = (level: Problem['level'], fields: LogFields, what: string) => {
    const orderNo = fields['orderNo'];
    if (typeof orderNo !== 'string') return;
    const code = fields['code'];
    const reason = [code, fields['reason']].filter((part) => part !== undefined && part !== null).join(' ');
    const outRefundNo = fields['outRefundNo'];
    problems.push({
      level,
      order_no: orderNo,
      ...(typeof outRefundNo === 'string' ? { out_refund_no: outRefundNo } : {}),
      what,
      ...(reason ? { reason } : {}),
    });
  };
  const log: OrderingLog = {
    warn: (fields, message) => {
      keep('warn', fields, message);
      logger.warn(fields, message);
    },
    error: (fields, message) => {
      keep('error', fields, message);
      logger.error(fields, message);
    },
  };
  context.container.rebind(T.OrderingLog).toConstantValue(log);
}
