// `npm run fuzz`: the generated hostile-input suites, longer than inside `npm test` and with a new
// seed each time (FUZZ_SEED and FUZZ_PATH, as a failure prints them, replay one case exactly).
// FUZZ_RUNS sets the cases per property (default 500). TEST_MYSQL_URL adds the MySQL run.
import { spawnSync } from 'node:child_process';

const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const runs = process.env.FUZZ_RUNS ?? (process.env.FUZZ_PATH ? '1' : '500');
process.stdout.write(`fuzzing with FUZZ_SEED=${seed} FUZZ_RUNS=${runs}${process.env.FUZZ_PATH ? ` FUZZ_PATH=${process.env.FUZZ_PATH}` : ''}\n`);
const mocha = spawnSync('npx', ['mocha', '--enable-source-maps', 'dist/test/fuzz/**/*.test.js'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs },
});
if (mocha.status !== 0) process.stdout.write(`\nto run this seed again: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz (a failure above prints FUZZ_PATH for its one case)\n`);
process.exit(mocha.status ?? 1);
