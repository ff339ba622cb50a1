import QRCode from 'qrcode';
import type { EnvVersion, LineColor, WxacodeRequest } from './wxacode-request.js';

/** Where the text of every sandbox code points: a URL carrying appid, page, scene and version. */
export const WXACODE_TEXT_BASE = 'https://mp.weixin.qq.com/a/~sandbox';

/** A code the sandbox made, as `GET /wechat-sandbox/wxacodes` lists it. */
export interface WxacodeRecord {
  readonly appid: string;
  readonly scene: string;
  /** The page the code opens; null for the mini program's home page. */
  readonly page: string | null;
  readonly env_version: EnvVersion;
  readonly width: number;
  /** When it was made (ISO 8601). */
  readonly created_at: string;
}

/** The codes the sandbox made, newest last inside; keeps the newest `capacity`. */
export class WxacodeLog {
  private readonly codes: WxacodeRecord[] = [];

  constructor(
    private readonly capacity = 1000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a code made for `appid`, and returns the record. */
  record(appid: string, request: WxacodeRequest): WxacodeRecord {
    const record: WxacodeRecord = {
      appid,
      scene: request.scene,
      page: request.page,
      env_version: request.envVersion,
      width: request.width,
      created_at: this.now().toISOString(),
    };
    this.codes.push(record);
    if (this.codes.length > this.capacity) this.codes.shift();
    return record;
  }

  /** The codes, newest first. */
  list(): WxacodeRecord[] {
    return [...this.codes].reverse();
  }
}

/**
 * The text a sandbox code encodes: `https://mp.weixin.qq.com/a/~sandbox?appid=…&page=…&scene=…&
 * env_version=…` (form-encoded; `page` left out for the home page), so that a decoder finds the
 * scene and page in it.
 */
export function wxacodeText(appid: string, request: Pick<WxacodeRequest, 'scene' | 'page' | 'envVersion'>): string {
  const query = new URLSearchParams({ appid });
  if (request.page !== null) query.set('page', request.page);
  query.set('scene', request.scene);
  query.set('env_version', request.envVersion);
  return `${WXACODE_TEXT_BASE}?${query.toString()}`;
}

/**
 * Renders a code as a PNG exactly `request.width` pixels square: a real QR code of
 * `wxacodeText`, one module of margin, in `line_color` (black by default) on white, or on a
 * transparent background with `is_hyaline`.
 */
export async function renderWxacode(appid: string, request: WxacodeRequest): Promise<Buffer> {
  return QRCode.toBuffer(wxacodeText(appid, request), {
    type: 'png',
    // qrcode sizes the image floor(modules × (width / modules)), which floating point can make
    // one pixel short: half a pixel more keeps it exactly `width` (the excess falls in the margin).
    width: request.width + 0.5,
    margin: 1,
    color: { dark: hex(request.lineColor ?? { r: 0, g: 0, b: 0 }), light: request.hyaline ? '#ffffff00' : '#ffffffff' },
  });
}

function hex(color: LineColor): string {
  return `#${[color.r, color.g, color.b].map((channel) => channel.toString(16).padStart(2, '0')).join('')}ff`;
}
