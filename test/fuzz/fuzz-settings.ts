import fc from 'fast-check';

/**
 * How much to generate. `npm test` runs a bounded, fixed-seed pass; `npm run fuzz` sets FUZZ_RUNS
 * higher and FUZZ_SEED new each time; FUZZ_SEED, FUZZ_PATH and FUZZ_ONLY (the property's name)
 * replay one failure.
 */
export const FUZZ = {
  seed: Number(process.env['FUZZ_SEED'] ?? 20261201),
  runs: Number(process.env['FUZZ_RUNS'] ?? 0),
  path: process.env['FUZZ_PATH'],
  /** The one property to run (a path belongs to one property). */
  only: process.env['FUZZ_ONLY'],
} as const;

/**
 * Runs `property` and, on failure, throws the shrunk counterexample and the command that replays
 * it. `runs` is the number of cases inside `npm test` (FUZZ_RUNS replaces it when set).
 */
export async function checkProperty<T>(name: string, property: fc.IAsyncProperty<T>, runs: number): Promise<void> {
  if (FUZZ.only !== undefined && FUZZ.only !== name) return;
  const details = await fc.check(property, {
    seed: FUZZ.seed,
    numRuns: FUZZ.runs > 0 ? FUZZ.runs : runs,
    ...(FUZZ.path ? { path: FUZZ.path } : {}),
    endOnFailure: false,
  });
  if (!details.failed) return;
  const replay = `FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath ?? ''} FUZZ_ONLY='${name}' npm run fuzz`;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `${name}: failed after ${details.numRuns} cases (${details.numShrinks} shrinks)\n` +
      `counterexample: ${fc.stringify(details.counterexample)}\n` +
      `error: ${error}\n` +
      `replay: ${replay}`,
  );
}
