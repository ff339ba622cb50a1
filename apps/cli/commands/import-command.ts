import { SingleBar } from 'cli-progress';
import { SecretBox } from '../../../adapters/crypto/secret-box.js';
import { TOKENS as T } from '../../../adapters/tokens.js';
import type { CliContext, CliOutput } from '../cli-context.js';
import { categoryImport } from '../import/category-import.js';
import { goodsImport } from '../import/goods-import.js';
import type { ImportKind } from '../import/import-kind.js';
import { merchantImport } from '../import/merchant-import.js';
import { operImport } from '../import/oper-import.js';
import { readImportFile } from '../import/read-records.js';
import { CommandFailed } from './command-failed.js';

export const IMPORT_KINDS = { opers: operImport, categories: categoryImport, merchants: merchantImport, goods: goodsImport } as const;
export type ImportKindName = keyof typeof IMPORT_KINDS;

export interface ImportOptions {
  readonly dryRun?: boolean;
  /** true: always show the bar; false: never; unset: on a terminal, for 1,000 rows and more. */
  readonly progress?: boolean;
}

/** Problems printed before the rest are only counted. */
const SHOWN_PROBLEMS = 100;
const LONG_IMPORT_ROWS = 1000;

/**
 * `import <kind> <file>`: reads every row, checks each against the rules and the database, and
 * writes all of them in one transaction only when no row has a problem; every problem is one line
 * naming the row and the field. `--dry-run` checks and writes nothing.
 */
export async function importCommand(context: CliContext, io: CliOutput, kindName: ImportKindName, path: string, options: ImportOptions): Promise<void> {
  const kind: ImportKind = IMPORT_KINDS[kindName];
  const started = performance.now();
  const file = await readImportFile(path);
  const problems: string[] = [];
  const unknown = [...file.columns].filter((column) => !kind.columns.includes(column));
  for (const column of unknown) problems.push(`column ${JSON.stringify(column)}: not a column of ${kindName} (${kind.columns.join(', ')})`);
  const plan = await kind.plan(file, environmentOf(context), problems);
  const rows = file.records.length;
  if (problems.length > 0) {
    for (const line of problems.slice(0, SHOWN_PROBLEMS)) io.err(line);
    if (problems.length > SHOWN_PROBLEMS) io.err(`… and ${problems.length - SHOWN_PROBLEMS} more problems`);
    throw new CommandFailed(`nothing written: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${path}`);
  }
  const counts = `${plan.created} to create, ${plan.updated} to update`;
  if (options.dryRun) {
    io.out(`checked ${rows} ${kindName} in ${path}: ${counts}; dry run, nothing written`);
    return;
  }
  const showBar = options.progress ?? (process.stderr.isTTY === true && rows >= LONG_IMPORT_ROWS);
  const bar = showBar ? new SingleBar({ format: `${kindName} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`, noTTYOutput: true, notTTYSchedule: 1000, stream: process.stderr }) : null;
  bar?.start(rows, 0);
  try {
    await context.db.transaction((trx) => plan.write(trx, (written) => bar?.update(written)));
  } finally {
    bar?.stop();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.out(`imported ${rows} ${kindName} from ${path}: ${plan.created} created, ${plan.updated} updated in ${seconds} s`);
}

function environmentOf(context: CliContext) {
  return {
    db: context.db,
    secrets: context.container.get<SecretBox>(T.SecretBox),
    geocoder: context.container.get(T.Geocoder),
    areas: context.container.get(T.AreaDirectory),
    now: context.container.get(T.Clock).now(),
  };
}
