import type { Router } from '@koa/router';
import { type ListedRoute, listRoutes } from './edge/route-listing.js';
import { OPERATIONS_PATHS } from './operations/operations-endpoints.js';
import { API_PREFIX, openApiDocument } from './openapi/openapi-document.js';
import { openApiRoutes } from './openapi/openapi-routes.js';

/** The route modules the API app mounts (see `createApiApp`). */
export interface ApiRouteModules {
  readonly userRoutes: Router[];
  readonly rawBodyRoutes: Router[];
  readonly rootRoutes: Router[];
}

/**
 * The route modules of the API with the API document made from all of them and from the
 * operations endpoints that the server answers before the app (`/openapi.json`, `/docs`).
 */
export function withApiDocument(modules: ApiRouteModules): ApiRouteModules {
  const rootRoutes = [...modules.rootRoutes];
  const all = (): ListedRoute[] => [
    ...modules.userRoutes.flatMap((router) => listRoutes(router, API_PREFIX)),
    ...[...modules.rawBodyRoutes, ...rootRoutes].flatMap((router) => listRoutes(router)),
    ...OPERATIONS_PATHS.map((path) => ({ method: 'GET', path, description: undefined })),
  ];
  // The document lists itself too: its routes join the list it is made from.
  rootRoutes.push(openApiRoutes(() => openApiDocument(all())));
  return { ...modules, rootRoutes };
}
