import { inflateSync } from 'node:zlib';

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A decoded PNG: its size and its pixels as RGBA, row after row. */
export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
  /** The pixel at column x, row y. */
  pixel(x: number, y: number): { r: number; g: number; b: number; a: number };
}

/** The width and height the IHDR chunk declares (it must come first, right after the signature). */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('IHDR is not the first chunk');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Decodes a non-interlaced 8-bit greyscale, RGB or RGBA PNG (what the `qrcode` package writes)
 * with node:zlib alone: the IDAT chunks inflated, each row unfiltered (the five filter types).
 */
export function decodePng(png: Buffer): DecodedPng {
  const { width, height } = pngSize(png);
  const [bitDepth, colorType, , , interlace] = png.subarray(24, 29);
  const channels = CHANNELS[colorType!];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`);
  }
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      pixels[y * stride + i] = (row[i]! + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const source = pixels.subarray(p * channels, (p + 1) * channels);
    const grey = channels <= 2;
    rgba.set([source[0]!, grey ? source[0]! : source[1]!, grey ? source[0]! : source[2]!, channels % 2 === 0 ? source[channels - 1]! : 255], p * 4);
  }
  return {
    width,
    height,
    rgba,
    pixel: (x, y) => {
      const at = (y * width + x) * 4;
      return { r: rgba[at]!, g: rgba[at + 1]!, b: rgba[at + 2]!, a: rgba[at + 3]! };
    },
  };
}

function predict(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0: return 0;
    case 1: return left;
    case 2: return up;
    case 3: return Math.floor((left + up) / 2);
    case 4: {
      const estimate = left + up - upLeft;
      const [dl, du, dul] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
      return dl <= du && dl <= dul ? left : du <= dul ? up : upLeft;
    }
    default: throw new Error(`unknown PNG filter ${filter}`);
  }
}

/**
 * Reads the modules of a QR code of `size` modules drawn over the whole image with `margin`
 * modules of quiet zone, sampling each module's centre: true where it is dark (opaque, and
 * darker than mid-grey).
 */
export function readQrModules(image: DecodedPng, size: number, margin = 1): boolean[][] {
  const scale = image.width / (size + 2 * margin);
  const centre = (k: number) => Math.floor((k + margin + 0.5) * scale);
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, col) => {
      const { r, g, b, a } = image.pixel(centre(col), centre(row));
      return a > 127 && r + g + b < 384;
    }),
  );
}
