/**
 * Writes the mini-program client's API types (`client/src/api.ts`) from the API document: one
 * interface per shape of `components.schemas`, and per operation its method, path, whether it
 * needs a token, its parameters and the `data` of its success answer, plus a class of typed
 * methods. The document is generated from the schemas that validate the requests, so the client
 * follows them. Covers the JSON Schema the document uses (objects, arrays, enums, consts,
 * nullable types, `$ref`, `oneOf`).
 */

type Schema = Record<string, any>;

interface Document {
  readonly paths: Record<string, Record<string, Schema>>;
  readonly components: { readonly schemas: Record<string, Schema> };
}

const API_PREFIX = '/api/user';
const PRIMITIVES: Record<string, string> = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean', null: 'null' };

export function clientTypesSource(document: Document): string {
  const out: string[] = [
    '// Generated from the API document (/openapi.json) by `npm run client:types`: do not edit.',
    '// A test fails when this file no longer matches the document the server serves.',
    '/* eslint-disable */',
    '',
  ];
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    out.push(...comment(schema['description'], ''), `export type ${name} = ${typeOf(schema, '')};`, '');
  }
  const operations = apiOperations(document);
  out.push('/** Every operation under /api/user: how it is called, its parameters and the `data` of its success answer. */');
  out.push('export interface Operations {');
  for (const op of operations) {
    out.push(`  ${op.id}: {`, `    params: ${op.params};`, `    answer: ${op.answer};`, '  };');
  }
  out.push('}', '');
  out.push('/** How each operation is called. `token`: whether it needs a login. */');
  out.push('export const OPERATIONS = {');
  for (const op of operations) out.push(`  ${op.id}: { method: '${op.method}', path: '${op.path}', token: ${op.token} },`);
  out.push('} as const;', '');
  out.push('/** What a typed method answers: the `data` of the operation, or why not. */');
  out.push('export type Call = <K extends keyof Operations>(name: K, params: Operations[K][\'params\']) => Promise<Result<Operations[K][\'answer\']>>;', '');
  out.push('/**', ' * Outcomes of a call: `ok` with the data; `bind-phone` (10003: the page asks for the phone and', ' * calls `bindPhone`); `error` with the API\'s code and message (and data, e.g. 70012\'s order_no);', ' * `network` when wx.request itself failed.', ' */');
  out.push('export type Result<T> =', '  | { readonly kind: \'ok\'; readonly data: T }', '  | { readonly kind: \'bind-phone\'; readonly code: 10003; readonly message: string }', '  | { readonly kind: \'error\'; readonly code: number; readonly message: string; readonly data?: Record<string, unknown> }', '  | { readonly kind: \'network\'; readonly message: string };', '');
  out.push('/** One typed method per operation. */');
  out.push('export abstract class ApiMethods {');
  out.push('  protected abstract call: Call;');
  for (const op of operations) {
    const optional = op.paramsOptional ? ' = {}' : '';
    out.push(`  /** ${op.summary ? `${op.summary}: ` : ''}\`${op.method} ${API_PREFIX}${op.path}\` */`);
    out.push(`  ${op.id}(params: Operations['${op.id}']['params']${optional}): Promise<Result<Operations['${op.id}']['answer']>> {`);
    out.push(`    return this.call('${op.id}', params);`, '  }');
  }
  out.push('}', '');
  return out.join('\n');
}

interface Operation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly token: boolean;
  readonly params: string;
  readonly paramsOptional: boolean;
  readonly answer: string;
  readonly summary: string | undefined;
}

function apiOperations(document: Document): Operation[] {
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith(`${API_PREFIX}/`))
    .flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => {
        const params = method === 'get' ? queryParams(op['parameters'] ?? []) : bodyParams(op['requestBody']['content']['application/json']['schema']);
        const answer = op['responses']['200']['content']['application/json']['schema']['oneOf'][0]['properties']['data'];
        return {
          id: String(op['operationId']),
          method: method.toUpperCase(),
          path: path.slice(API_PREFIX.length),
          token: (op['security'] ?? []).length > 0,
          params: typeOf(params, '    '),
          paramsOptional: (params['required'] ?? []).length === 0,
          answer: typeOf(answer, '    '),
          summary: op['summary'] as string | undefined,
        };
      }),
    );
}

function queryParams(parameters: Schema[]): Schema {
  const query = parameters.filter((p) => p['in'] === 'query');
  return {
    type: 'object',
    properties: Object.fromEntries(query.map((p) => [p['name'], { ...p['schema'], ...(p['description'] ? { description: p['description'] } : {}) }])),
    required: query.filter((p) => p['required']).map((p) => p['name']),
    additionalProperties: false,
  };
}

/** The body's parameters without `token`: the client sends the token itself. */
function bodyParams(schema: Schema): Schema {
  const { token: _token, ...properties } = schema['properties'] ?? {};
  return { ...schema, properties, additionalProperties: false };
}

function typeOf(schema: Schema, indent: string): string {
  if (schema['$ref']) return String(schema['$ref']).split('/').pop()!;
  if (schema['oneOf'] || schema['anyOf']) return (schema['oneOf'] ?? schema['anyOf']).map((s: Schema) => typeOf(s, indent)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema['const']);
  if (schema['enum']) return schema['enum'].map((v: unknown) => JSON.stringify(v)).join(' | ');
  const types: string[] = Array.isArray(schema['type']) ? schema['type'] : [schema['type']];
  return types.map((type) => single(type, schema, indent)).join(' | ');
}

function single(type: string | undefined, schema: Schema, indent: string): string {
  if (type === 'array') {
    const item = typeOf(schema['items'] ?? {}, indent);
    return /[|&]/.test(item) ? `Array<${item}>` : `${item}[]`;
  }
  if (type === 'object') return objectType(schema, indent);
  return (type && PRIMITIVES[type]) ?? 'unknown';
}

function objectType(schema: Schema, indent: string): string {
  const properties: Record<string, Schema> = schema['properties'] ?? {};
  const required: string[] = schema['required'] ?? [];
  const patterns = Object.values(schema['patternProperties'] ?? {}) as Schema[];
  if (Object.keys(properties).length === 0 && patterns.length === 0) {
    return schema['additionalProperties'] === false ? 'Record<string, never>' : 'Record<string, unknown>';
  }
  const inner = `${indent}  `;
  const lines = Object.entries(properties).flatMap(([name, property]) => [
    ...comment(property['description'], inner),
    `${inner}${safeName(name)}${required.includes(name) ? '' : '?'}: ${typeOf(property, inner)};`,
  ]);
  for (const pattern of patterns) lines.push(`${inner}[key: string]: ${typeOf(pattern, inner)};`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function safeName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

function comment(text: unknown, indent: string): string[] {
  return typeof text === 'string' && text !== '' ? [`${indent}/** ${text.replace(/\*\//g, '* /').replace(/\n+/g, ' ')} */`] : [];
}
