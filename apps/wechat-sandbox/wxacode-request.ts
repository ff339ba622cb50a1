import type { JsonFields } from './wechat-body.js';
import { WECHAT_ERRORS, type WechatError } from './wechat-errors.js';

/** The mini-program versions a code can open. */
export const ENV_VERSIONS = ['release', 'trial', 'develop'] as const;
export type EnvVersion = (typeof ENV_VERSIONS)[number];

/** The width of a code, in pixels: WeChat's default and bounds. */
export const WXACODE_WIDTH = Object.freeze({ default: 430, min: 280, max: 1280 });

/** The most characters a scene may have. */
export const SCENE_MAX_LENGTH = 32;

/** A colour as `line_color` gives it, each channel 0..255. */
export interface LineColor {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** A getwxacodeunlimit request, checked and with its defaults applied. */
export interface WxacodeRequest {
  readonly scene: string;
  /** The page to open, or null for the mini program's home page. */
  readonly page: string | null;
  readonly checkPath: boolean;
  readonly envVersion: EnvVersion;
  readonly width: number;
  /** The lines' colour; null for black (`auto_color`, or no `line_color`). */
  readonly lineColor: LineColor | null;
  /** A transparent background (`is_hyaline`). */
  readonly hyaline: boolean;
}

/** Digits, letters and `!#$&'()*+,/:;=?@-._~`: the only characters a scene may hold. */
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/;
/** Path segments separated by single slashes: no leading slash, no query, no blanks. */
const PAGE_PATTERN = /^[^/?#\s]+(?:\/[^/?#\s]+)*$/;

/**
 * Checks a getwxacodeunlimit body as WeChat documents it. A field of the wrong JSON type is
 * 47001 data format error; a scene that is missing, empty or over 32 characters 40169, with a
 * character outside the allowed set 40129, naming the reserved `scancode_time` 85096; a page
 * with a leading slash, a query or an empty segment 41030; an unknown `env_version`, a width
 * outside 280..1280 or a bad `line_color` 40097 invalid args. An empty page means the home page.
 *
 * The sandbox does not know which pages a mini program has published, so `check_path: true`
 * accepts any well-formed page.
 */
export function parseWxacodeRequest(body: JsonFields): WxacodeRequest | WechatError {
  const { scene, page, check_path, env_version, width, auto_color, line_color, is_hyaline } = body;
  const types: Array<[unknown, string]> = [
    [scene, 'string'], [page, 'string'], [check_path, 'boolean'], [env_version, 'string'],
    [width, 'number'], [auto_color, 'boolean'], [line_color, 'object'], [is_hyaline, 'boolean'],
  ];
  if (types.some(([value, type]) => value !== undefined && value !== null && typeof value !== type)) {
    return WECHAT_ERRORS.dataFormatError;
  }
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > SCENE_MAX_LENGTH) {
    return WECHAT_ERRORS.invalidSceneLength;
  }
  if (!SCENE_PATTERN.test(scene)) return WECHAT_ERRORS.invalidScene;
  if (scene.includes('scancode_time')) return WECHAT_ERRORS.scancodeTimeNotAllowed;
  const pagePath = typeof page === 'string' && page !== '' ? page : null;
  if (pagePath !== null && !validPage(pagePath)) return WECHAT_ERRORS.invalidPage;
  const envVersion = env_version ?? 'release';
  if (!isEnvVersion(envVersion)) return WECHAT_ERRORS.invalidArgs;
  const size = (width as number | null | undefined) ?? WXACODE_WIDTH.default;
  if (!Number.isInteger(size) || size < WXACODE_WIDTH.min || size > WXACODE_WIDTH.max) return WECHAT_ERRORS.invalidArgs;
  const color = auto_color === true || line_color == null ? null : parseLineColor(line_color);
  if (color === undefined) return WECHAT_ERRORS.invalidArgs;
  return {
    scene,
    page: pagePath,
    checkPath: check_path !== false,
    envVersion,
    width: size,
    lineColor: color,
    hyaline: is_hyaline === true,
  };
}

function validPage(page: string): boolean {
  return PAGE_PATTERN.test(page) && page.split('/').every((segment) => segment !== '.' && segment !== '..');
}

function isEnvVersion(value: unknown): value is EnvVersion {
  return (ENV_VERSIONS as readonly unknown[]).includes(value);
}

/** `{r, g, b}` with decimal channels 0..255, as numbers or digit strings; undefined when bad. */
function parseLineColor(value: unknown): LineColor | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields = value as Record<string, unknown>;
  const channel = (raw: unknown): number | undefined => {
    const n = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : raw;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 255 ? n : undefined;
  };
  const [r, g, b] = [channel(fields['r']), channel(fields['g']), channel(fields['b'])];
  return r === undefined || g === undefined || b === undefined ? undefined : { r, g, b };
}
