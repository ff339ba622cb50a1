/**
 * The dependency rule of DESIGN.md ("the arrows only point inward"), checked in `npm test` by
 * test/architecture/dependency-rules.test.ts and by hand with `npm run lint:deps`.
 *
 * Sources are parsed with swc: tsc 7 has no JavaScript API, and dependency-cruiser's TypeScript
 * parser needs one. swc keeps type-only imports, so `import type` counts like any other import.
 *
 * The layers: `core` (pure domain) ← `adapters` ← `apps`. Inside `apps`:
 * - `apps/main.ts`, `apps/start-app.ts`: the one process entry; the only code that may mount the
 *   development sandbox beside the API.
 * - `apps/composition/`: the composition root (configuration, adapters, use cases, routes,
 *   timers), used by the entry and the CLI; it never loads the sandbox.
 * - `apps/http/`, `apps/cli/`, `apps/wechat-sandbox/`: the apps, each importing no other app.
 * - `apps/shared/`: the demo's public accounts, the one module the API side and the sandbox
 *   both read (as two parties read the same published test credentials).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-only-core',
      comment: 'core is plain TypeScript: no adapter, app, framework, driver or Node built-in.',
      severity: 'error',
      from: { path: '^core/' },
      to: { pathNot: '^core/' },
    },
    {
      name: 'core-shared-is-the-bottom',
      comment: 'core/shared imports no module of core (identity, catalog, ordering, ...).',
      severity: 'error',
      from: { path: '^core/shared/' },
      to: { path: '^core/', pathNot: '^core/shared/' },
    },
    {
      name: 'adapters-never-apps',
      comment: 'Adapters implement the ports of core; they know no app.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-production-code-imports-tests',
      severity: 'error',
      from: { path: '^(core|adapters|apps|client)/' },
      to: { path: '^test/' },
    },
    {
      name: 'sandbox-is-wechats-side',
      comment: 'The WeChat sandbox is written from the documentation, independently: no core, no adapter.',
      severity: 'error',
      from: { path: '^apps/wechat-sandbox/' },
      to: { path: '^(core|adapters)/' },
    },
    {
      name: 'apps-import-no-other-app',
      comment: 'An app imports only itself, apps/shared and (the CLI) the composition root.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/composition/' },
      to: { path: '^apps/[^/]+/', pathNot: ['^apps/$1/', '^apps/shared/', '^apps/composition/'] },
    },
    {
      name: 'the-root-composes-the-api-only',
      comment: 'The composition root builds the API app (routes, timers) and nothing of the CLI or the sandbox.',
      severity: 'error',
      from: { path: '^apps/composition/' },
      to: { path: '^apps/[^/]+/', pathNot: '^apps/(composition|http|shared)/' },
    },
    {
      name: 'only-the-entry-mounts-the-sandbox',
      comment: 'The composition root and the apps never load the sandbox; the process entry composes it beside the API.',
      severity: 'error',
      from: { path: '^apps/', pathNot: ['^apps/[^/]+\\.ts$', '^apps/wechat-sandbox/'] },
      to: { path: '^apps/wechat-sandbox/' },
    },
    {
      name: 'the-composition-root-is-for-processes',
      comment: 'The API app and the sandbox are handed what they need; they never reach for the root.',
      severity: 'error',
      from: { path: '^apps/(http|wechat-sandbox|shared)/' },
      to: { path: '^apps/composition/' },
    },
    {
      name: 'shared-demo-accounts-import-nothing',
      severity: 'error',
      from: { path: '^apps/shared/' },
      to: { pathNot: '^apps/shared/' },
    },
    {
      name: 'client-is-the-mini-program',
      comment: 'The mini-program client runs in WeChat: plain code, no Node built-in, nothing of the server.',
      severity: 'error',
      from: { path: '^client/' },
      to: { pathNot: '^client/' },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(client/)?dist/' },
  },
};
