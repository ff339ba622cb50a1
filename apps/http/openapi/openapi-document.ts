import type { OpenAPIObject, OperationObject, PathsObject, SchemaObject, SecurityRequirementObject } from 'openapi3-ts/oas31';
import { errorMessages } from '../../../core/index.js';
import type { RouteDescription } from '../edge/api-handler.js';
import type { ListedRoute } from '../edge/route-listing.js';
import { OUTSIDE_ENVELOPE } from './outside-envelope.js';
import { asSchema, queryParameters, toDialect } from './parameters.js';
import { SHAPES } from './shapes.js';

/** Where the API routes are mounted. */
export const API_PREFIX = '/api/user';

const TOKEN_SECURITY: SecurityRequirementObject[] = [{ token: [] }, { bearer: [] }];

const TAGS: Record<string, string> = {
  wxLogin: 'identity',
  sms: 'identity',
  login: 'identity',
  loginWithSceneId: 'identity',
  area: 'areas',
  merchant: 'merchants',
  merchants: 'merchants',
  goods: 'goods',
  order: 'orders',
  orders: 'orders',
};

const ACCESS_NOTE: Record<RouteDescription['access'], string> = {
  public: '无需 token。',
  token: '需要 token (10007 / 70010: 重新 wx.login 与 /wxLogin)。',
  user: '需要已绑定手机号的 token (10003: 先用 /login 绑定)。',
};

/**
 * The OpenAPI 3.1 document of the app, generated from its routes as `listRoutes` gives them:
 * each API route from its parameter and answer schemas (GET: query parameters; POST: a JSON or
 * form body), each route outside the envelope from {@link OUTSIDE_ENVELOPE}. A served route
 * described by neither is listed under `x-undescribed` (the document test fails on it).
 */
export function openApiDocument(routes: readonly ListedRoute[]): OpenAPIObject {
  const paths: PathsObject = {};
  const undescribed: string[] = [];
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const operation = route.description ? apiOperation(route, route.description) : OUTSIDE_ENVELOPE[key];
    if (!operation) {
      undescribed.push(key);
      continue;
    }
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'O2O 团购小程序用户 API',
      version: '1.0.0',
      description: [
        `${API_PREFIX} 下每个接口都以 HTTP 200 返回 \`{code, message, data?}\`, code 为 0 时成功。`,
        'appid 取自微信设置的 Referer (`https://servicewechat.com/{appid}/{version}/page-frame.html`), 非生产环境也可用 `X-Appid`。',
        '金额为两位小数的字符串 (元), 时间为 Asia/Shanghai 的 `YYYY-MM-DD HH:mm:ss`。',
      ].join('\n\n'),
    },
    tags: ['identity', 'areas', 'merchants', 'goods', 'orders', 'bridge', 'wechat-pay', 'document', 'operations'].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...SHAPES, Failure: failureSchema() } as Record<string, SchemaObject>,
      securitySchemes: {
        token: { type: 'apiKey', in: 'query', name: 'token', description: '也可放在 POST 的请求体中' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    ...(undescribed.length > 0 ? { 'x-undescribed': undescribed } : {}),
  };
}

function apiOperation(route: ListedRoute, description: RouteDescription): OperationObject {
  const relative = route.path.slice(API_PREFIX.length);
  const isGet = route.method === 'GET';
  const params = toDialect(description.params);
  const body = description.access === 'public' ? params : withToken(params);
  return {
    operationId: operationIdOf(relative),
    tags: [TAGS[relative.split('/')[1] ?? ''] ?? 'other'],
    ...(description.summary ? { summary: description.summary } : {}),
    description: ACCESS_NOTE[description.access],
    security: description.access === 'public' ? [] : TOKEN_SECURITY,
    parameters: [
      ...(isGet ? queryParameters(description.params) : []),
      { name: 'X-Appid', in: 'header', required: false, schema: { type: 'string' }, description: '非生产环境: 无 Referer 时的 appid' },
    ],
    ...(isGet
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: body }, 'application/x-www-form-urlencoded': { schema: body } },
          },
        }),
    responses: {
      '200': {
        description: '信封: code 0 时 data 为下述结构, 否则见 Failure',
        headers: { 'X-Request-Id': { description: '本次请求的ID, 与服务端日志对应', schema: { type: 'string' } } },
        content: { 'application/json': { schema: { oneOf: [successSchema(description.answer), { $ref: '#/components/schemas/Failure' }] } } },
      },
    },
  };
}

function withToken(schema: SchemaObject): SchemaObject {
  return { ...schema, properties: { ...schema.properties, token: { type: 'string', description: '也可放在查询串或 Authorization: Bearer 中' } } };
}

function successSchema(answer: object | undefined): SchemaObject {
  return {
    type: 'object',
    properties: { code: { const: 0 }, message: { type: 'string' }, data: asSchema(answer ?? { type: 'object' }) },
    required: ['code', 'message', 'data'],
    additionalProperties: false,
  };
}

function failureSchema(): SchemaObject {
  const codes = Object.keys(errorMessages).map(Number).filter((code) => code !== 0);
  return {
    type: 'object',
    description: codes.map((code) => `${code} ${errorMessages[code as keyof typeof errorMessages]}`).join('; '),
    properties: {
      code: { type: 'integer', enum: codes },
      message: { type: 'string' },
      data: { type: 'object', description: '少数错误附带, 例如 70012 时的 order_no' },
    },
    required: ['code', 'message'],
    additionalProperties: false,
  };
}

/** `/merchant/categories/tree` → `merchantCategoriesTree`, `/sms/verify_code` → `smsVerifyCode`. */
function operationIdOf(path: string): string {
  const words = path.split(/[/_]/).filter(Boolean);
  return words.map((word, i) => (i === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
}
