// Sums a V8 .cpuprofile (node --cpu-prof, e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof")
// by self time: per file or package, and per function.
//
//   node scripts/bench/profile-summary.mjs <file.cpuprofile> [rows, 40]
//
// Native calls made from JavaScript (a SQLite statement, JSON.stringify) count as the self time of
// the function that made them; `writev` is the socket write. Samples are taken on wall-clock time,
// so on a loaded machine a share is a share of the time the process was running or waiting to.
import { readFileSync } from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/bench/profile-summary.mjs <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const root = new URL('../../', import.meta.url).href;
const shortUrl = (url) => url.replace(root, '').replace(/^.*node_modules\//, 'npm:');
const packageOf = (url) => (url ? shortUrl(url).replace(/^(npm:(@[^/]+\/)?[^/]+).*/, '$1') : null);

const byFunction = new Map();
const byFile = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  total += delta;
  const frame = nodes.get(id).callFrame;
  const fn = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
  const where = packageOf(frame.url) ?? frame.functionName;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + delta);
  byFile.set(where, (byFile.get(where) ?? 0) + delta);
});

const print = (title, sums) => {
  console.log(`\n${title}`);
  for (const [key, time] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
};
console.log(`${(total / 1e6).toFixed(1)} s sampled`);
print('self time by file or package', byFile);
print('self time by function', byFunction);
