import type { IncomingMessage } from 'node:http';

/** The largest request body the sandbox reads (WeChat Pay's requests are a few hundred bytes). */
export const MAX_BODY_BYTES = 1 << 20;

/**
 * The request body exactly as sent, decoded as UTF-8 (signatures cover these bytes), or null
 * when it is larger than `limit` bytes (the rest is drained and dropped).
 */
export async function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  return size > limit ? null : Buffer.concat(chunks).toString('utf8');
}
