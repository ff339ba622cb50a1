import { parseObject } from '../shared/http-answers.js';

/** A JSON object from WeChat Pay's side of the wire, not yet trusted to have any field. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** `text` parsed when it is a JSON object, else null. */
export const parseJsonObject: (text: string) => JsonObject | null = parseObject;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
