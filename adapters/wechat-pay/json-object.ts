/** A JSON object from WeChat Pay's side of the wire, not yet trusted to have any field. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** `text` parsed when it is a JSON object, else null. */
export function parseJsonObject(text: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : null;
  } catch {
    return null;
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
