/** WeChat sets this Referer on every request from a mini program. */
const REFERER = /^https?:\/\/servicewechat\.com\/([A-Za-z0-9_-]{1,32})\//;
/** Some clients (and WeChat DevTools) mark the User-Agent instead. */
const USER_AGENT = /(?:^|[\s;(])(?:appid|miniProgram)\/([A-Za-z0-9_-]{1,32})(?=$|[\s;)])/;
const HEADER = /^[A-Za-z0-9_-]{1,32}$/;

export interface AppidSources {
  readonly referer: string;
  readonly userAgent: string;
  readonly xAppid: string;
}

/**
 * The mini program a request comes from: the Referer first, then a mark in the User-Agent, then,
 * only where `allowHeader` (outside production), the `X-Appid` header. Null when none says.
 */
export function appidFromRequest(sources: AppidSources, allowHeader: boolean): string | null {
  const fromReferer = REFERER.exec(sources.referer)?.[1];
  if (fromReferer) return fromReferer;
  const fromUserAgent = USER_AGENT.exec(sources.userAgent)?.[1];
  if (fromUserAgent) return fromUserAgent;
  if (allowHeader && HEADER.test(sources.xAppid)) return sources.xAppid;
  return null;
}
