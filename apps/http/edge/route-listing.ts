import type { Router } from '@koa/router';
import { type RouteDescription, routeDescriptionOf } from './api-handler.js';

/** One route of a router: its method, its full path and, for API routes, what it declares. */
export interface ListedRoute {
  readonly method: string;
  readonly path: string;
  readonly description: RouteDescription | undefined;
}

/** The routes a router serves, under `prefix`, in the order they were registered (HEAD left out). */
export function listRoutes(router: Router, prefix = ''): ListedRoute[] {
  return router.stack.flatMap((layer) => {
    const description = layer.stack.map(routeDescriptionOf).find((d) => d !== undefined);
    return layer.methods.filter((method) => method !== 'HEAD').map((method) => ({ method, path: `${prefix}${layer.path}`, description }));
  });
}
