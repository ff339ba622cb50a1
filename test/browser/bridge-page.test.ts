import { expect } from 'chai';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../support/chromium.js';
import { APP1 } from '../support/http-client.js';
import { Shopper } from '../support/shop.js';
import { testDatabases } from '../support/test-databases.js';
import { type TestServer, startTestServer } from '../support/test-server.js';


for (const database of testDatabases()) {
  describe(`the bridge page in headless Chromium [${database.name}]`, function () {
    this.timeout(60_000);
    let server: TestServer;
    let browser: Browser;
    let demo: Shopper;

    before(async function () {
      const launched = await launchChromium();
      if (!launched) this.skip();
      browser = launched;
      server = await startTestServer({ ORDER_SWEEP_SECONDS: '0' }, {}, database);
      demo = await Shopper.login(server, APP1, 'user');
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
