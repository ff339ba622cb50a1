import type { ParameterObject, SchemaObject } from 'openapi3-ts/oas31';

/** The parts of a parameter schema (an object schema, as `ParamSchema` takes) the document reads. */
interface ObjectSchema {
  readonly properties?: Record<string, object>;
  readonly required?: readonly string[];
  readonly dependencies?: Record<string, readonly string[]>;
}

/** A JSON schema of this project as OpenAPI 3.1 types it (they agree: both are JSON Schema 2020-12). */
export function asSchema(schema: object): SchemaObject {
  return schema as SchemaObject;
}

/** `dependencies` (draft 7, what ajv validates with) as `dependentRequired` (2020-12, OpenAPI 3.1's dialect). */
export function toDialect(schema: object): SchemaObject {
  const { dependencies, ...rest } = schema as ObjectSchema & Record<string, unknown>;
  return asSchema(dependencies ? { ...rest, dependentRequired: dependencies } : rest);
}

/** An object schema's properties as query parameters (a query string has no nesting). */
export function queryParameters(schema: object): ParameterObject[] {
  const { properties = {}, required = [], dependencies = {} } = schema as ObjectSchema;
  return Object.entries(properties).map(([name, property]) => {
    const needs = dependencies[name];
    return {
      name,
      in: 'query' as const,
      required: required.includes(name),
      schema: asSchema(property),
      ...(needs ? { description: `须与 ${needs.join(', ')} 同时提供` } : {}),
    };
  });
}
