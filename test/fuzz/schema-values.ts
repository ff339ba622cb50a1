import fc from 'fast-check';

/** The JSON-schema keywords the route schemas use (see apps/http/routes). */
export interface PropertySchema {
  readonly type: 'string' | 'integer' | 'number';
  readonly enum?: readonly (string | number)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

export interface ObjectSchema {
  readonly properties: Readonly<Record<string, PropertySchema>>;
  readonly required?: readonly string[];
}

/**
 * A value the schema accepts, as JSON would carry it, so that generated requests also get past the
 * edge and reach the use cases and the database. Ids favour small values, which exist in the demo data.
 */
export function validValue(schema: PropertySchema): fc.Arbitrary<string | number> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.type === 'integer') {
    const min = schema.minimum ?? 0;
    const max = schema.maximum ?? min + 1000;
    return fc.oneof(fc.integer({ min, max: Math.min(max, min + 30) }), fc.integer({ min, max }));
  }
  if (schema.type === 'number') {
    const min = schema.minimum ?? -1000;
    const max = schema.maximum ?? 1000;
    return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => Number(n.toFixed(6)));
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? Infinity));
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
}
