import { expect } from 'chai';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { APP1 } from '../support/http-client.js';
import { Shopper } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Screenshots land here (ignored by git), for a person to look at after a run. */
const ARTIFACTS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../test-artifacts');

for (const database of testDatabases()) {
  describe(`the bridge page in headless Chromium [${database.name}]`, function () {
    this.timeout(60_000);
    let server: TestServer;
    let browser: Browser;
    let demo: Shopper;

    before(async function () {
      if (!existsSync(CHROMIUM)) {
        // CI installs Chromium (.ci/run); a developer machine without it says so instead of failing.
        if (process.env['CI']) throw new Error(`Chromium not found at ${CHROMIUM}`);
        this.skip();
      }
      mkdirSync(ARTIFACTS, { recursive: true });
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0' }, {}, database);
      demo = await Shopper.login(server, APP1, 'user');
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('shows the target mini program’s code, loaded, on a phone-sized screen', async () => {
      const orderNo = (await demo.buy('四人火锅套餐')).body.data!['order_no'];
      const userId = (await server.api.wxLogin(APP1, 'user')).answer.body.data!['userInfo'].id;
      const page = await browser.newPage({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 });
      const response = await page.goto(`${server.url}/miniprogram_bridge/pay?targetOperId=2&orderNo=${orderNo}&userId=${userId}&token=${demo.token}`);
      expect(response?.status()).to.equal(200);
      const image = page.locator('#wxacode');
      await image.waitFor();
      const size = await image.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight, complete: img.complete }));
      expect(size.complete).to.equal(true);
      expect(size.width).to.be.greaterThan(0);
      expect(size.height).to.be.greaterThan(0);
      expect(await page.locator('h1').innerText()).to.contain('成都运营中心');
      await page.screenshot({ path: resolve(ARTIFACTS, 'bridge-page.png'), fullPage: true });
      await page.close();
    });

    it('shows a readable error page with a 4xx', async () => {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
      const response = await page.goto(`${server.url}/miniprogram_bridge/pay?targetOperId=2&orderNo=1&userId=1&token=forged`);
      expect(response?.status()).to.equal(401);
      expect(await page.locator('h1').innerText()).to.equal('无法打开支付页面');
      await page.screenshot({ path: resolve(ARTIFACTS, 'bridge-error-page.png'), fullPage: true });
      await page.close();
    });
  });
}
