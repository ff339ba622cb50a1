import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router } from '@koa/router';
import type { OpenAPIObject } from 'openapi3-ts/oas31';

/** The files of swagger-ui-dist the page loads, by the name it asks for them, with their types. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
};

/** Starts Swagger UI on the document; a file of its own so that the page needs no inline script. */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: false });
});
`;

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>O2O 用户 API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>
`;

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

/**
 * `GET /openapi.json` (the document, made on first use by `document()`), `GET /docs` (Swagger UI
 * rendering it, served from the swagger-ui-dist package: no CDN), and the page's assets.
 */
export function openApiRoutes(document: () => OpenAPIObject): Router {
  let json: string | null = null;
  const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/absolute-path.js'));
  const files = new Map<string, Promise<Buffer>>();
  return new Router()
    .get('/openapi.json', (ctx) => {
      json ??= JSON.stringify(document());
      ctx.type = 'application/json; charset=utf-8';
      ctx.set('Access-Control-Allow-Origin', '*');
      ctx.body = json;
    })
    .get('/docs', (ctx) => {
      ctx.set('Content-Security-Policy', CSP);
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = PAGE;
    })
    .get('/docs/assets/:file', async (ctx) => {
      const name = ctx.params['file']!;
      ctx.set('Cache-Control', 'public, max-age=86400');
      if (name === 'init.js') {
        ctx.type = 'application/javascript; charset=utf-8';
        ctx.body = INIT_SCRIPT;
        return;
      }
      const type = ASSETS[name];
      if (!type) {
        ctx.status = 404;
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = 'not found';
        return;
      }
      let file = files.get(name);
      if (!file) {
        file = readFile(join(swaggerDir, name));
        files.set(name, file);
      }
      ctx.type = type;
      ctx.body = await file;
    });
}
