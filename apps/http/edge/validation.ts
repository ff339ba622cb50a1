import { Ajv, type ErrorObject, type JSONSchemaType, type ValidateFunction } from 'ajv';
import { DomainError } from '../../../core/index.js';

/** Where parameters come from: query strings and forms carry only strings, JSON carries types. */
export type ParamSource = 'text' | 'json';

const textAjv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true, strict: true });
const jsonAjv = new Ajv({ coerceTypes: false, useDefaults: true, allErrors: true, strict: true });

/** A route's parameter schema, compiled for both sources. JSON schemas are the single source of truth. */
export class ParamSchema<T> {
  private readonly text: ValidateFunction<T>;
  private readonly json: ValidateFunction<T>;

  constructor(readonly schema: JSONSchemaType<T>) {
    this.text = textAjv.compile(schema);
    this.json = jsonAjv.compile(schema);
  }

  /**
   * The parameters, typed, or 10001 naming each bad parameter and its rule. Never mutates `input`.
   * A parameter sent empty (`''` in a query or form, `null` in JSON) counts as not sent, as
   * mini programs send unset fields that way.
   */
  parse(input: unknown, source: ParamSource): T {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new DomainError(10001, '参数不合法: 参数须为对象');
    }
    const unset = source === 'json' ? null : '';
    const copy = Object.fromEntries(
      Object.entries(structuredClone(input) as Record<string, unknown>)
        .filter(([, value]) => value !== unset)
        .map(([key, value]) => [key, source === 'json' ? this.numericString(key, value) : value]),
    );
    const validate = source === 'json' ? this.json : this.text;
    if (validate(copy)) return copy;
    throw new DomainError(10001, `参数不合法: ${describeErrors(validate.errors ?? [])}`);
  }

  /**
   * In JSON, a numeric parameter may come as a numeric string (`"5"`: mini-program page options
   * are strings); nothing else is converted, so `{"code": 123}` stays a type error.
   */
  private numericString(key: string, value: unknown): unknown {
    const property = (this.schema as { properties?: Record<string, { type?: unknown }> }).properties?.[key];
    const numeric = property?.type === 'integer' || property?.type === 'number';
    return numeric && typeof value === 'string' && NUMERIC.test(value) ? Number(value) : value;
  }
}

const NUMERIC = /^-?\d{1,15}(\.\d{1,15})?$/;

const TYPE_NAMES: Record<string, string> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: 'null',
};

function describeErrors(errors: readonly ErrorObject[]): string {
  const lines = errors.map((error) => `${parameterOf(error)} ${ruleOf(error)}`);
  return [...new Set(lines)].join('；');
}

function parameterOf(error: ErrorObject): string {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'dependencies') return String((error.params as { property: string }).property);
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    return path ? `${path}.${missing}` : missing;
  }
  return path || '参数';
}

function ruleOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return '必填';
    case 'type':
      return `应为${String(params['type']).split(',').map((t) => TYPE_NAMES[t] ?? t).join('或')}`;
    case 'minLength':
      return params['limit'] === 1 ? '不能为空' : `长度不能少于${String(params['limit'])}`;
    case 'maxLength':
      return `长度不能超过${String(params['limit'])}`;
    case 'pattern':
      return `格式不正确 (须匹配 ${String(params['pattern'])})`;
    case 'minimum':
      return `不能小于${String(params['limit'])}`;
    case 'maximum':
      return `不能大于${String(params['limit'])}`;
    case 'dependencies':
      return `须与 ${String(params['missingProperty'])} 同时提供`;
    case 'enum':
      return `须为 ${(params['allowedValues'] as unknown[]).map(String).join('/')} 之一`;
    default:
      return error.message ?? '不合法';
  }
}
