import { openCliContext, processOutput } from './cli-context.js';
import { runCli } from './cli-program.js';

/** `npm run cli -- <command>`: see `runCli` and the README's "Operator CLI". */
runCli(process.argv.slice(2), processOutput, () => openCliContext()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
