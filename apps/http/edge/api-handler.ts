import type { Context, Middleware } from 'koa';
import { type Authenticate, type Caller, DomainError, type User, requireUser } from '../../../core/index.js';
import { appidFromRequest } from './appid-from-request.js';
import { success } from './envelope.js';
import { ParamSchema } from './validation.js';

/** What a route needs of the identity part of the edge. */
export interface EdgeKit {
  readonly authenticate: Authenticate;
  /** Outside production: accept `X-Appid` as a last resort. */
  readonly allowAppidHeader: boolean;
}

/** `public`: no token (only `/wxLogin`); `token`: a valid token; `user`: a token bound to a user. */
export type Access = 'public' | 'token' | 'user';

/** A caller whose token is bound to a user: what a `user` route is handed. */
export interface UserCaller extends Caller {
  readonly user: User;
}

/** The caller a route of each access is handed: none, any token's, a token bound to a user. */
export interface CallerOf {
  readonly public: null;
  readonly token: Caller;
  readonly user: UserCaller;
}

export interface HandlerInput<P, A extends Access> {
  readonly params: P;
  readonly caller: CallerOf[A];
  /** The mini program the request says it comes from, if it says. */
  readonly appid: string | null;
  readonly ip: string;
  readonly ctx: Context;
}

type Data = Readonly<Record<string, unknown>>;

/**
 * What an API route declares about itself, beside its handler: who may call it and the JSON schema
 * of its parameters. Read by whatever must cover every route without a list of its own (the API
 * document, the tests that generate hostile input).
 */
export interface RouteDescription {
  readonly access: Access;
  /** The JSON schema that validates the route's parameters. */
  readonly params: object;
  /** The JSON schema of `data` in the route's success answer (shapes referred to as `#/components/schemas/…`). */
  readonly answer?: object;
  /** What the route does, in a line (the seed's name of the interface). */
  readonly summary?: string;
}

/** A route's schemas: its parameters and, to be documented, the `data` of its success answer. */
export interface RouteSchemas<P> {
  readonly params: ParamSchema<P>;
  readonly answer: object;
  readonly summary?: string;
}

const descriptions = new WeakMap<object, RouteDescription>();

/** The description of a middleware made by {@link apiHandler}; undefined for any other middleware. */
export function routeDescriptionOf(middleware: object): RouteDescription | undefined {
  return descriptions.get(middleware);
}

/**
 * A thin route, described by its schemas: identity first (10007, 70010, 70011, 10003), then the
 * parameters by schema (10001), then the handler, whose result is wrapped in the success envelope.
 * A bare `ParamSchema` still makes a route, but the API document test fails on its missing answer.
 */
export function apiHandler<P, A extends Access>(
  kit: EdgeKit,
  access: A,
  schemas: RouteSchemas<P> | ParamSchema<P>,
  run: (input: HandlerInput<P, A>) => Promise<Data>,
): Middleware {
  const { params: schema, ...documented } = schemas instanceof ParamSchema ? { params: schemas } : schemas;
  const identify = callerFinder(kit, access);
  const handler: Middleware = async (ctx) => {
    const appid = appidFromRequest(
      { referer: ctx.get('Referer'), userAgent: ctx.get('User-Agent'), xAppid: ctx.get('X-Appid') },
      kit.allowAppidHeader,
    );
    const caller = await identify(ctx, appid);
    const isBody = ctx.method !== 'GET' && ctx.method !== 'HEAD';
    const raw = isBody ? (ctx.request.body ?? {}) : ctx.query;
    const params = schema.parse(raw, isBody && ctx.request.is('json') ? 'json' : 'text');
    const data = await run({ params, caller, appid, ip: ctx.ip, ctx });
    ctx.body = success(data);
  };
  descriptions.set(handler, { access, params: schema.schema, ...documented });
  return handler;
}

type FindCaller<C> = (ctx: Context, appid: string | null) => Promise<C>;

/**
 * How a route of `access` finds its caller: no token (`public`), a valid token (10007, 70010,
 * 70011), or a valid token bound to a user (10003 otherwise).
 */
function callerFinder<A extends Access>(kit: EdgeKit, access: A): FindCaller<CallerOf[A]>;
function callerFinder(kit: EdgeKit, access: Access): FindCaller<CallerOf[Access]> {
  const anyToken = (ctx: Context, appid: string | null) => kit.authenticate.execute({ token: tokenOf(ctx), requestAppid: appid });
  switch (access) {
    case 'public':
      return async () => null;
    case 'token':
      return anyToken;
    case 'user':
      return async (ctx, appid): Promise<UserCaller> => {
        const caller = await anyToken(ctx, appid);
        return { ...caller, user: requireUser(caller) };
      };
  }
}

/** The token: the `token` parameter (query or body), else `Authorization: Bearer …`. */
function tokenOf(ctx: Context): string | null {
  const body = ctx.request.body as Record<string, unknown> | undefined;
  const candidate = ctx.query['token'] ?? (body && typeof body === 'object' ? body['token'] : undefined);
  if (candidate !== undefined && candidate !== '') {
    if (typeof candidate !== 'string') throw new DomainError(10001, '参数不合法: token 应为字符串');
    return candidate;
  }
  const header = /^Bearer\s+(\S+)$/i.exec(ctx.get('Authorization'));
  return header?.[1] ?? null;
}
