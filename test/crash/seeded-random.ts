import fc from 'fast-check';

const STEPS = 2 ** 30;

/**
 * Numbers in [0, 1), evenly spread, drawn by fast-check from `seed` (integers without its bias to
 * edge values: its doubles crowd near 0), so that a failing run can be told and replayed (CRASH_SEED).
 */
export function seeded(seed: number): () => number {
  const draws = fc.sample(fc.noBias(fc.integer({ min: 0, max: STEPS - 1 })), { seed, numRuns: 4096 });
  let next = 0;
  return () => draws[next++ % draws.length]! / STEPS;
}
