import { Ajv, type ErrorObject, type JSONSchemaType, type ValidateFunction } from 'ajv';
import { DomainError } from '../../../core/index.js';
import { type NumberKind, strictNumber } from './strict-number.js';

/** Where parameters come from: query strings and forms carry only strings, JSON carries types. */
export type ParamSource = 'text' | 'json';

/**
 * One instance for every source: nothing is coerced by ajv. Numbers written as text are read by
 * {@link strictNumber} first, so `0x10`, `1e999` or ` 5` never become numbers by accident.
 */
const ajv = new Ajv({ coerceTypes: false, useDefaults: true, allErrors: true, strict: true });

interface NumericProperty {
  readonly kind: NumberKind;
  readonly negativeAllowed: boolean;
}

/** A route's parameter schema. JSON schemas are the single source of truth. */
export class ParamSchema<T> {
  private readonly validate: ValidateFunction<T>;
  private readonly numeric: ReadonlyMap<string, NumericProperty>;

  constructor(readonly schema: JSONSchemaType<T>) {
    this.validate = ajv.compile(schema);
    this.numeric = numericProperties(schema);
  }

  /**
   * The parameters, typed, or 10001 naming each bad parameter and its rule. Never mutates `input`.
   * A parameter sent empty (`''` in a query or form, `null` in JSON) counts as not sent, as
   * mini programs send unset fields that way. A numeric parameter may come as text in every
   * source (`"5"`: mini-program page options are strings), written as {@link strictNumber} says.
   */
  parse(input: unknown, source: ParamSource): T {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new DomainError(10001, '参数不合法: 参数须为对象');
    }
    const unset = source === 'json' ? null : '';
    const problems = new Map<string, string>();
    const entries: Array<[string, unknown]> = [];
    for (const [key, sent] of Object.entries(input)) {
      if (sent === unset) continue;
      // Only a nested value is copied (ajv may fill defaults in it); text and numbers need no copy.
      const value: unknown = typeof sent === 'object' && sent !== null ? structuredClone(sent) : sent;
      const numeric = this.numeric.get(key);
      const read = numeric ? readNumber(value, numeric) : { value };
      if ('problem' in read) problems.set(key, `${key} ${read.problem}`);
      else entries.push([key, read.value]);
    }
    // fromEntries defines own properties: a `__proto__` key stays data and never becomes a prototype.
    const copy = Object.fromEntries(entries);
    if (this.validate(copy) && problems.size === 0) return copy;
    // A parameter refused for how its number is written is named once, not again as missing.
    const rest = (this.validate.errors ?? []).filter((error) => !problems.has(parameterOf(error)));
    throw new DomainError(10001, `参数不合法: ${describeErrors([...problems.values()], rest)}`);
  }
}

/** A numeric parameter's value as sent: a finite number, or text that {@link strictNumber} reads. */
function readNumber(value: unknown, rule: NumericProperty): { value: unknown } | { problem: string } {
  const number = typeof value === 'string' ? strictNumber(value, rule.kind, rule.negativeAllowed) : value;
  if (number === null) return { problem: rule.kind === 'integer' ? '应为十进制整数' : '应为十进制数' };
  if (typeof number === 'number' && !Number.isFinite(number)) return { problem: '超出范围' };
  return { value: number };
}

/**
 * The numeric properties of a schema. Each must be bounded (`minimum` and `maximum`, or `enum`),
 * so that no value out of range can reach SQL: a schema without bounds fails at start, not later.
 */
function numericProperties(schema: object): Map<string, NumericProperty> {
  const properties = (schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {};
  const numeric = new Map<string, NumericProperty>();
  for (const [key, property] of Object.entries(properties)) {
    const type = property['type'];
    if (type !== 'integer' && type !== 'number') continue;
    const values = Array.isArray(property['enum']) ? (property['enum'] as number[]) : null;
    const minimum = property['minimum'];
    if (!values && (typeof minimum !== 'number' || typeof property['maximum'] !== 'number')) {
      throw new Error(`numeric parameter ${key} needs minimum and maximum, or enum`);
    }
    const lowest = values ? Math.min(...values) : (minimum as number);
    numeric.set(key, { kind: type, negativeAllowed: lowest < 0 });
  }
  return numeric;
}

const TYPE_NAMES: Record<string, string> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: 'null',
};

function describeErrors(problems: readonly string[], errors: readonly ErrorObject[]): string {
  const lines = [...problems, ...errors.map((error) => `${parameterOf(error)} ${ruleOf(error)}`)];
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
