import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ICruiseResult, type IConfiguration, cruise } from 'dependency-cruiser';

/** The project root, found from dist/test/architecture/ at run time. */
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const CONFIG = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs')) as IConfiguration;

/** The source trees the rules are about; tests may import anything. */
const LAYERS = ['core', 'adapters', 'apps', 'client'];

/** Every rule broken in the sources under `baseDir`, as `rule: from → to`. */
async function violations(baseDir: string, layers: readonly string[]): Promise<string[]> {
  const { output } = await cruise([...layers], { ...CONFIG.options, ruleSet: { forbidden: CONFIG.forbidden ?? [] }, validate: true, baseDir });
  const result = output as ICruiseResult;
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

/** A throwaway source tree: path → contents. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'o2o-deps-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the dependency rule (dependency-cruiser, .dependency-cruiser.cjs)', function () {
  this.timeout(30_000);

  it('holds for the project', async () => {
    expect(await violations(ROOT, LAYERS)).to.deep.equal([]);
  });

  it('lets the layers import what DESIGN.md allows', async () => {
    const dir = tree({
      'core/shared/clock.ts': 'export interface Clock { now(): Date }\n',
      'core/ordering/order.ts': "import type { Clock } from '../shared/clock.js';\nexport type Order = { clock: Clock };\n",
      'adapters/knex/connect.ts': "import knex from 'knex';\nimport type { Order } from '../../core/ordering/order.js';\nexport const c: [unknown, Order?] = [knex];\n",
      'apps/shared/demo-accounts.ts': "export const DEMO_APPS = ['wx0000000000000001'];\n",
      'apps/http/order-routes.ts': "import type { Order } from '../../core/ordering/order.js';\nimport { DEMO_APPS } from '../shared/demo-accounts.js';\nexport const r: [string[], Order?] = [DEMO_APPS];\n",
      'apps/composition/composition-root.ts': "import { r } from '../http/order-routes.js';\nimport { c } from '../../adapters/knex/connect.js';\nexport const root = [r, c];\n",
      'apps/cli/main.ts': "import { root } from '../composition/composition-root.js';\nexport const cli = root;\n",
      'apps/wechat-sandbox/sandbox-app.ts': "import { createHash } from 'node:crypto';\nimport { DEMO_APPS } from '../shared/demo-accounts.js';\nexport const s = [createHash, DEMO_APPS];\n",
      'apps/start-app.ts': "import { root } from './composition/composition-root.js';\nimport { s } from './wechat-sandbox/sandbox-app.js';\nexport const start = [root, s];\n",
      'client/src/client.ts': "import { x } from './x.js';\nexport const y = x;\n",
      'client/src/x.ts': 'export const x = 1;\n',
    });
    try {
      expect(await violations(dir, LAYERS)).to.deep.equal([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('catches each forbidden import, type-only imports included', async () => {
    const dir = tree({
      'core/shared/clock.ts': "import type { Order } from '../ordering/order.js';\nexport type Clock = Order;\n",
      'core/ordering/order.ts': [
        "import type { Context } from 'koa';",
        "import { createHash } from 'node:crypto';",
        "import { readFileSync } from 'fs';",
        "export type { Knex } from 'knex';",
        "import '../../adapters/knex/connect.js';",
        "import type { Clock } from '../shared/clock.js';",
        'export type Order = Context | Clock;',
        'export const x = [createHash, readFileSync];',
        "export const later = () => import('inversify');",
      ].join('\n'),
      'adapters/knex/connect.ts': "import { config } from '../../apps/http/config.js';\nimport '../../test/support/db.js';\nexport const c = config;\n",
      'test/support/db.ts': 'export const db = 1;\n',
      'apps/shared/demo-accounts.ts': "import { createHash } from 'node:crypto';\nexport const h = createHash;\n",
      'apps/http/config.ts': "import { DEMO_APPS } from '../wechat-sandbox/demo-apps.js';\nimport '../composition/tokens.js';\nexport const config = DEMO_APPS;\n",
      'apps/composition/tokens.ts': "import '../wechat-sandbox/demo-apps.js';\nimport '../cli/main.js';\nexport const T = {};\n",
      'apps/cli/main.ts': "import '../http/config.js';\nexport const cli = 1;\n",
      'apps/wechat-sandbox/demo-apps.ts': "import type { Clock } from '../../core/shared/clock.js';\nimport '../composition/tokens.js';\nexport const DEMO_APPS: Clock[] = [];\n",
      'client/src/client.ts': "import { request } from 'node:https';\nimport '../../apps/http/config.js';\nexport const r = request;\n",
    });
    try {
      expect(await violations(dir, LAYERS)).to.deep.equal(
        [
          'adapters-never-apps: adapters/knex/connect.ts → apps/http/config.ts',
          'apps-import-no-other-app: apps/cli/main.ts → apps/http/config.ts',
          'apps-import-no-other-app: apps/http/config.ts → apps/wechat-sandbox/demo-apps.ts',
          'client-is-the-mini-program: client/src/client.ts → apps/http/config.ts',
          'client-is-the-mini-program: client/src/client.ts → https',
          'core-imports-only-core: core/ordering/order.ts → adapters/knex/connect.ts',
          'core-imports-only-core: core/ordering/order.ts → crypto',
          'core-imports-only-core: core/ordering/order.ts → fs',
          'core-imports-only-core: core/ordering/order.ts → inversify',
          'core-imports-only-core: core/ordering/order.ts → knex',
          'core-imports-only-core: core/ordering/order.ts → koa',
          'core-shared-is-the-bottom: core/shared/clock.ts → core/ordering/order.ts',
          'no-production-code-imports-tests: adapters/knex/connect.ts → test/support/db.ts',
          'only-the-entry-mounts-the-sandbox: apps/composition/tokens.ts → apps/wechat-sandbox/demo-apps.ts',
          'only-the-entry-mounts-the-sandbox: apps/http/config.ts → apps/wechat-sandbox/demo-apps.ts',
          'the-root-composes-the-api-only: apps/composition/tokens.ts → apps/cli/main.ts',
          'the-root-composes-the-api-only: apps/composition/tokens.ts → apps/wechat-sandbox/demo-apps.ts',
          'sandbox-is-wechats-side: apps/wechat-sandbox/demo-apps.ts → core/shared/clock.ts',
          'shared-demo-accounts-import-nothing: apps/shared/demo-accounts.ts → crypto',
          'the-composition-root-is-for-processes: apps/http/config.ts → apps/composition/tokens.ts',
          'the-composition-root-is-for-processes: apps/wechat-sandbox/demo-apps.ts → apps/composition/tokens.ts',
        ].sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
