import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const EXAMPLE = new URL('../../../examples/embedding/buy-pay-redeem.mjs', import.meta.url);
const IMPORTS = /(?:^|[;\n])\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module the example loads, followed through its imports: files of the project, and what else. */
function importGraph(entry: URL): { files: Set<string>; outside: Set<string> } {
  const files = new Set<string>();
  const outside = new Set<string>();
  const visit = (url: URL) => {
    const path = fileURLToPath(url);
    if (files.has(path)) return;
    files.add(path);
    for (const match of readFileSync(path, 'utf8').matchAll(IMPORTS)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.')) visit(new URL(specifier, url));
      else if (specifier.startsWith('o2o-user-api/')) visit(new URL(import.meta.resolve(specifier)));
      else if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
      else outside.add(specifier);
    }
  };
  visit(entry);
  return { files, outside };
}

describe('embedding core (examples/embedding)', () => {
  it('buys, pays by a signed notification and redeems, as a program of its own', () => {
    const run = spawnSync(process.execPath, [fileURLToPath(EXAMPLE)], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status, run.stderr).to.equal(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).to.have.length(3);
    expect(lines[0]).to.match(/^bought: order \d{1,32}, 25600 fen, prepay_id=prepay-\d+$/);
    expect(lines[1]).to.match(/^paid: forged notification rejected, genuine one recorded once, codes \d{12} \d{12}$/);
    expect(lines[2]).to.equal('redeemed: 2 codes, order status 7');
  });

  it('loads core and the memory and crypto adapters only: no Koa, knex or other package, nothing of the apps', () => {
    const { files, outside } = importGraph(EXAMPLE);
    expect([...outside]).to.deep.equal([]);
    const project = fileURLToPath(new URL('../../', import.meta.url));
    const built = [...files].filter((file) => file.startsWith(project)).map((file) => file.slice(project.length));
    expect(built).to.include.members(['core/index.js', 'adapters/memory/index.js', 'adapters/crypto/index.js']);
    expect(built.filter((file) => !/^(core|adapters\/memory|adapters\/crypto)\//.test(file))).to.deep.equal([]);
  });

  it('is reachable through the package entry points of package.json', () => {
    for (const entry of ['o2o-user-api/core', 'o2o-user-api/adapters/memory', 'o2o-user-api/adapters/crypto', 'o2o-user-api/adapters/knex']) {
      expect(fileURLToPath(import.meta.resolve(entry)), entry).to.match(/dist\/(core|adapters\/\w+)\/index\.js$/);
    }
  });
});
