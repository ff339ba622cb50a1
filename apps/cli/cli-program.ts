import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '../composition/config.js';
import type { CliContext, CliOutput } from './cli-context.js';
import { ImportFileError } from './import/read-records.js';
import { CommandFailed } from './commands/command-failed.js';
import { IMPORT_KINDS, type ImportKindName, importCommand } from './commands/import-command.js';
import { orderCommand } from './commands/order-command.js';
import { reconcileCommand } from './commands/reconcile-command.js';
import { redeemCommand } from './commands/redeem-command.js';
import { demoCommand, migrateCommand } from './commands/schema-commands.js';

/** Opens the context a command works in; called only when a command runs (never for `--help`). */
export type ContextOpener = () => CliContext;

/**
 * The operator CLI: `npm run cli -- <command>`. Each command opens the app's composition on the
 * database of `DATABASE_URL`, runs, and closes it. Resolves to the exit code: 0 done, 1 refused
 * or failed (the reason on stderr), as commander's own usage errors.
 */
export async function runCli(argv: readonly string[], io: CliOutput, open: ContextOpener): Promise<number> {
  const program = new Command('o2o-cli')
    .description('Operator commands on the database of DATABASE_URL, beside running app instances (see README, "Operator CLI").')
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .exitOverride()
    .showHelpAfterError();
  const run = (action: (context: CliContext) => Promise<void>) => async () => {
    const context = open();
    try {
      await action(context);
    } finally {
      await context.close();
    }
  };

  program.command('migrate').description('bring the schema up to date and write the area tree').action(run((context) => migrateCommand(context, io)));
  program.command('demo').description('migrate, then load the demo data into an empty database (not in production)').action(run((context) => demoCommand(context, io)));
  program
    .command('import')
    .description('import opers, categories, merchants or goods from a CSV or JSON file: all rows or none')
    .addArgument(new Command().createArgument('<kind>', 'what the file holds').choices(Object.keys(IMPORT_KINDS)))
    .argument('<file>', 'a .csv file (header row) or a .json file (array of objects); columns in the README')
    .option('--dry-run', 'check every row and report, write nothing')
    .addOption(new Option('--progress', 'always show a progress bar (default: on a terminal, for 1,000 rows and more)'))
    .addOption(new Option('--no-progress', 'never show a progress bar'))
    .action((kind: ImportKindName, file: string, options: { dryRun?: boolean; progress?: boolean }) =>
      run((context) => importCommand(context, io, kind, file, options))(),
    );
  program
    .command('redeem')
    .description('redeem a verification code at the merchant that sold it (code to 2; order to 7 when none is left unused)')
    .argument('<verify_code>', 'the 12-digit code the customer shows')
    .requiredOption('--merchant <merchant_id>', 'the id of the merchant redeeming (the shop the customer is in)', positiveInteger)
    .action((verifyCode: string, options: { merchant: number }) => run((context) => redeemCommand(context, io, verifyCode, options.merchant))());
  program
    .command('order')
    .description("show an order, its codes, its refund and WeChat Pay's view of its transaction")
    .argument('<order_no>', 'the order number')
    .option('--json', 'print JSON instead of text')
    .action((orderNo: string, options: { json?: boolean }) => run((context) => orderCommand(context, io, orderNo, options))());
  program
    .command('reconcile')
    .description('one reconciliation pass with WeChat Pay now, then one order sweep; safe beside running instances')
    .option('--due', "check only what is due, as an instance's periodic job does (default: every unpaid order with a prepay and every processing refund)")
    .option('--json', 'print JSON instead of text')
    .action((options: { due?: boolean; json?: boolean }) => run((context) => reconcileCommand(context, io, options))());

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    return exitCodeOf(error, io);
  }
}

function positiveInteger(value: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2_147_483_647) throw new InvalidArgumentError('must be a positive integer');
  return Number(value);
}

function exitCodeOf(error: unknown, io: CliOutput): number {
  if (error instanceof CommandFailed || error instanceof ImportFileError) {
    io.err(`error: ${error.message}`);
    return 1;
  }
  if (error instanceof ConfigError) {
    for (const problem of error.problems) io.err(`error: ${problem}`);
    return 1;
  }
  const code = (error as { code?: unknown; exitCode?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('commander.')) {
    // commander printed its message (or the help) already.
    return Number((error as { exitCode?: unknown }).exitCode ?? 1);
  }
  throw error;
}
