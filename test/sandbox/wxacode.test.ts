import { expect } from 'chai';
import QRCode from 'qrcode';
import { PNG_SIGNATURE, decodePng, pngSize, readQrModules } from './png-reader.js';
import { APP_1, APP_2, TestClock, startTestSandbox, tokenParams, type TestSandbox } from './sandbox-harness.js';

interface WechatError {
  errcode: number;
  errmsg: string;
}

const PAGE = 'pages/severs/index/index';

/** The text a code must carry, written out here rather than taken from the sandbox. */
function expectedText(appid: string, scene: string, page: string | null, envVersion = 'release'): string {
  const pagePart = page === null ? '' : `&page=${encodeURIComponent(page)}`;
  return `https://mp.weixin.qq.com/a/~sandbox?appid=${appid}${pagePart}&scene=${new URLSearchParams({ s: scene }).toString().slice(2)}&env_version=${envVersion}`;
}

/** The colour at the centre of the top-left module (dark: part of a finder pattern) of the code of `text`. */
function firstModuleColour(png: Buffer, text: string) {
  const image = decodePng(png);
  const centre = Math.floor((1.5 * image.width) / (QRCode.create(text).modules.size + 2));
  return image.pixel(centre, centre);
}

/** Whether the PNG draws exactly the QR code of `text` (one module of margin). */
function drawsQrOf(png: Buffer, text: string): boolean {
  const expected = QRCode.create(text).modules;
  const read = readQrModules(decodePng(png), expected.size);
  return read.every((row, r) => row.every((dark, c) => dark === Boolean(expected.get(r, c))));
}

describe('wechat sandbox POST /wechat-sandbox/wxa/getwxacodeunlimit', () => {
  let sandbox: TestSandbox;
  let clock: TestClock;
  let token: string;
  beforeEach(async () => {
    clock = new TestClock();
    sandbox = await startTestSandbox({ now: clock.now });
    token = await sandbox.accessToken(APP_1);
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function image(body: unknown, accessToken = token): Promise<Buffer> {
    const response = await sandbox.wxacode(accessToken, body);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type'), await response.clone().text()).to.equal('image/png');
    return Buffer.from(await response.arrayBuffer());
  }

  /** Expects a WeChat error; `accessToken` null sends none. */
  async function expectError(body: unknown, errcode: number, errmsg: string, accessToken: string | null = token): Promise<void> {
    const response = await sandbox.wxacode(accessToken ?? undefined, body);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    const error = (await response.json()) as WechatError;
    expect(error.errcode, JSON.stringify(body)).to.equal(errcode);
    expect(error.errmsg).to.match(new RegExp(`^${errmsg.replace(/[(),]/g, '\\$&')}, rid: `));
  }

  describe('a valid call', () => {
    it('answers a PNG of the default width 430 drawing the QR code of a URL with appid, page and scene', async () => {
      const png = await image({ scene: 'a1B2c3', page: PAGE });
      expect(png.subarray(0, 8)).to.deep.equal(PNG_SIGNATURE);
      expect(pngSize(png)).to.deep.equal({ width: 430, height: 430 });
      expect(drawsQrOf(png, expectedText(APP_1.appid, 'a1B2c3', PAGE))).to.equal(true);
      expect(drawsQrOf(png, expectedText(APP_1.appid, 'a1B2c4', PAGE))).to.equal(false);
    });

    it('makes the image exactly the width asked, from 280 to 1280', async () => {
      for (const width of [280, 370, 429, 431, 1280]) {
        const png = await image({ scene: 'w', page: PAGE, width });
        expect(pngSize(png), `width ${width}`).to.deep.equal({ width, height: width });
        expect(drawsQrOf(png, expectedText(APP_1.appid, 'w', PAGE))).to.equal(true);
      }
    });

    it('opens the home page without a page (or an empty one), and carries env_version', async () => {
      expect(drawsQrOf(await image({ scene: 'home' }), expectedText(APP_1.appid, 'home', null))).to.equal(true);
      const trial = await image({ scene: 'home', page: '', env_version: 'trial' });
      expect(drawsQrOf(trial, expectedText(APP_1.appid, 'home', null, 'trial'))).to.equal(true);
    });

    it('accepts 32 characters and every special character WeChat allows in a scene', async () => {
      for (const scene of ['0123456789abcdefghijABCDEFGHIJ_~', "!#$&'()*+,/:;=?@-._~"]) {
        expect(drawsQrOf(await image({ scene, page: PAGE }), expectedText(APP_1.appid, scene, PAGE))).to.equal(true);
      }
    });

    it('accepts check_path either way, the sandbox not knowing the published pages', async () => {
      for (const checkPath of [true, false]) {
        await image({ scene: 'p', page: 'pages/never/published', check_path: checkPath, env_version: 'develop' });
      }
    });

    it('draws the lines in line_color, and on a transparent background with is_hyaline', async () => {
      const text = expectedText(APP_1.appid, 'c', null);
      const coloured = await image({ scene: 'c', line_color: { r: 200, g: '16', b: 32 }, is_hyaline: true });
      expect(firstModuleColour(coloured, text)).to.deep.equal({ r: 200, g: 16, b: 32, a: 255 });
      expect(decodePng(coloured).pixel(0, 0).a).to.equal(0);
      expect(drawsQrOf(coloured, text)).to.equal(true);
      const auto = await image({ scene: 'c', line_color: { r: 200, g: 16, b: 32 }, auto_color: true });
      expect(firstModuleColour(auto, text)).to.deep.equal({ r: 0, g: 0, b: 0, a: 255 });
      expect(decodePng(auto).pixel(0, 0)).to.deep.equal({ r: 255, g: 255, b: 255, a: 255 });
    });

    it('takes a token of either mini program, and puts that one’s appid in the code', async () => {
      const png = await image({ scene: 'two', page: PAGE }, await sandbox.accessToken(APP_2));
      expect(drawsQrOf(png, expectedText(APP_2.appid, 'two', PAGE))).to.equal(true);
    });
  });

  describe('the access token', () => {
    it('answers 41001 without one, 40001 for one the sandbox never issued', async () => {
      await expectError({ scene: 's' }, 41001, 'access_token missing', null);
      await expectError({ scene: 's' }, 41001, 'access_token missing', '');
      await expectError({ scene: 's' }, 40001, 'invalid credential, access_token is invalid or not latest', `${token}x`);
    });

    it('answers 42001 once it expired, and 40001 once a force refresh replaced it', async () => {
      clock.advance(7_200);
      await expectError({ scene: 's' }, 42001, 'access_token expired');
      const current = await sandbox.accessToken(APP_1);
      await sandbox.stableToken(tokenParams(APP_1, true));
      await expectError({ scene: 's' }, 40001, 'invalid credential, access_token is invalid or not latest', current);
    });

    it('is checked before the body', async () => {
      await expectError('not json', 40001, 'invalid credential, access_token is invalid or not latest', 'forged');
    });
  });

  describe('the body', () => {
    it('answers 40169 for a scene missing, empty or over 32 characters', async () => {
      for (const scene of [undefined, '', 'x'.repeat(33)]) {
        await expectError({ scene, page: PAGE }, 40169, 'invalid length for scene, or the data is not json string');
      }
    });

    it('answers 40129 invalid scene for a character outside WeChat’s set', async () => {
      for (const scene of ['a b', 'a%20b', '场景', 'a"b', 'a<b', 'a\\b', 'a^b', 'a|b', 'a[b]', 'a{b}']) {
        await expectError({ scene }, 40129, 'invalid scene');
      }
    });

    it('answers 85096 for a scene naming the reserved scancode_time', async () => {
      await expectError({ scene: 'scancode_time=1' }, 85096, 'not allow include scancode_time field');
    });

    it('answers 41030 invalid page for a leading slash, a query or an empty or relative segment', async () => {
      for (const page of [`/${PAGE}`, `${PAGE}?id=1`, 'pages//index', 'pages/index/', '../pages/index', 'pages/ index']) {
        await expectError({ scene: 's', page }, 41030, 'invalid page');
      }
    });

    it('answers 40097 invalid args for an unknown env_version, a width outside 280..1280 or a bad line_color', async () => {
      const bad: object[] = [
        { env_version: '' }, { env_version: 'beta' },
        { width: 279 }, { width: 1281 }, { width: 430.5 },
        { line_color: { r: 256, g: 0, b: 0 } }, { line_color: { r: 0, g: 0 } }, { line_color: [0, 0, 0] },
      ];
      for (const fields of bad) await expectError({ scene: 's', ...fields }, 40097, 'invalid args');
    });

    it('answers 47001 data format error for a body that is not a JSON object or a field of the wrong type', async () => {
      for (const body of ['scene=abc', '[]', '{"scene":', { scene: 1 }, { scene: 's', width: '430' }, { scene: 's', is_hyaline: 1 }, { scene: 's', check_path: 'false' }]) {
        await expectError(body, 47001, 'data format error');
      }
    });

    it('answers 44002 empty post data without a body, and 43002 require POST method to a GET', async () => {
      await expectError('', 44002, 'empty post data');
      const get = (await (await sandbox.get(`/wxa/getwxacodeunlimit?access_token=${token}`)).json()) as WechatError;
      expect(get.errcode).to.equal(43002);
    });

    it('makes no code when it refuses one', async () => {
      await expectError({ scene: 'a b' }, 40129, 'invalid scene');
      await expectError({ scene: 's' }, 40001, 'invalid credential, access_token is invalid or not latest', 'forged');
      expect(await (await sandbox.get('/wxacodes')).json()).to.deep.equal([]);
    });
  });
});
