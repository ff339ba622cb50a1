/** China has kept UTC+8 without daylight saving since 1991, so Asia/Shanghai is a fixed offset. */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The instant at which the Asia/Shanghai calendar day containing `at` began. */
export function startOfShanghaiDay(at: Date): Date {
  const local = at.getTime() + OFFSET_MS;
  return new Date(local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - OFFSET_MS);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:mm:ss` in Asia/Shanghai, whatever the process's time zone. */
export function formatShanghaiDateTime(at: Date): string {
  const d = new Date(at.getTime() + OFFSET_MS);
  return `${formatShanghaiDate(at)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `YYYY-MM-DD` in Asia/Shanghai. */
export function formatShanghaiDate(at: Date): string {
  const d = new Date(at.getTime() + OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `YYYYMMDDHHmmss` in Asia/Shanghai: the time prefix of order numbers. */
export function formatShanghaiStamp(at: Date): string {
  return formatShanghaiDateTime(at).replace(/\D/g, '');
}
