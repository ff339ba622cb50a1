import type { IncomingMessage } from 'node:http';
import { readRawBody } from './raw-body.js';
import { WECHAT_ERRORS, type WechatError } from './wechat-errors.js';

/** A JSON request body's fields. */
export type JsonFields = Readonly<Record<string, unknown>>;

/** A request body read: its fields, or the WeChat error it deserves. */
export type BodyRead = { readonly fields: JsonFields } | { readonly error: WechatError };

/**
 * Reads a WeChat API request body, which must be a JSON object (WeChat takes no form posts):
 * 44002 empty post data for an empty body, 45002 beyond 1 MiB, 47001 data format error when
 * it is not a JSON object.
 */
export async function readJsonFields(req: IncomingMessage): Promise<BodyRead> {
  const raw = await readRawBody(req);
  if (raw === null) return { error: WECHAT_ERRORS.contentTooLarge };
  if (raw.trim() === '') return { error: WECHAT_ERRORS.emptyPostData };
  try {
    const body: unknown = JSON.parse(raw);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return { fields: body as JsonFields };
  } catch {
    // answered below
  }
  return { error: WECHAT_ERRORS.dataFormatError };
}
