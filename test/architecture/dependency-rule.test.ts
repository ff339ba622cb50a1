import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, found from dist/test/architecture/ at run time. */
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

const IMPORT = /(?:\bimport\s[^'"]*?from\s*|\bimport\s*\(\s*|\bexport\s[^'"]*?from\s*|\bimport\s+)['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every import specifier of a TypeScript source, type-only imports included. */
export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((match) => match[1]!);
}

interface Rule {
  readonly layer: string;
  /** Why a specifier is refused, or null when it is allowed. */
  refuse(specifier: string, file: string): string | null;
}

const insideOf = (layer: string, specifier: string, file: string) =>
  specifier.startsWith('.') && relative(join(ROOT, layer), resolve(file, '..', specifier)).startsWith('..') === false;

const RULES: Rule[] = [
  {
    layer: 'core',
    refuse: (specifier, file) =>
      insideOf('core', specifier, file) ? null : `core must import only core, not "${specifier}"`,
  },
  {
    layer: 'adapters',
    refuse: (specifier, file) => {
      if (!specifier.startsWith('.')) return null;
      const target = relative(ROOT, resolve(file, '..', specifier));
      return target.startsWith('apps') || target.startsWith('test') ? `adapters must not import "${target}"` : null;
    },
  },
  {
    layer: 'apps/wechat-sandbox',
    refuse: (specifier, file) => {
      if (!specifier.startsWith('.')) return null;
      const target = relative(ROOT, resolve(file, '..', specifier));
      return target.startsWith('core') || target.startsWith('adapters') ? `the sandbox is WeChat's side: it must not import "${target}"` : null;
    },
  },
];

function violations(rule: Rule): string[] {
  return sourceFiles(join(ROOT, rule.layer)).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8')).flatMap((specifier) => {
      const why = rule.refuse(specifier, file);
      return why ? [`${relative(ROOT, file)}: ${why}`] : [];
    }),
  );
}

describe('the dependency rule', () => {
  for (const rule of RULES) {
    it(`holds for ${rule.layer}`, () => {
      expect(sourceFiles(join(ROOT, rule.layer))).to.not.be.empty;
      expect(violations(rule)).to.deep.equal([]);
    });
  }

  it('would catch core importing a driver, a framework, node built-ins or an adapter', () => {
    const file = join(ROOT, 'core/identity/example.ts');
    const core = RULES[0]!;
    const found = importsOf(
      [
        "import knex from 'knex';",
        "import type { Context } from 'koa';",
        "import { createHash } from 'node:crypto';",
        "export { x } from '../../adapters/knex/connect.js';",
        "const m = await import('inversify');",
        "import '../shared/clock.js';",
      ].join('\n'),
    ).map((specifier) => core.refuse(specifier, file));
    expect(found.slice(0, 5).every((why) => why !== null)).to.equal(true);
    expect(found[5]).to.equal(null);
  });
});
