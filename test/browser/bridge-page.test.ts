import { expect } from 'chai';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../support/chromium.js';
import { mintBridge, newestCode } from '../support/bridge-steps.js';
import { APP1, APP2 } from '../support/http-client.js';
import { Shopper, sandboxPays } from '../support/shop.js';
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

    /** Waits for the page's code image and says whether it loaded with a size. */
    const codeLoaded = async (page: Page) => {
      const image = page.locator('#wxacode');
      await image.waitFor();
      const size = await image.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight, complete: img.complete }));
      return size.complete && size.width > 0 && size.height > 0;
    };

    it('mints a ticket, opens and reloads the page, then the code is scanned and paid in the other mini program', async () => {
      const orderNo = (await demo.buy('四人火锅套餐')).body.data!['order_no'];
      const { url } = await mintBridge(demo, orderNo);
      expect(url).to.not.contain(demo.token);
      const page = await browser.newPage({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 });
      const response = await page.goto(url);
      expect(response?.status()).to.equal(200);
      expect(await codeLoaded(page)).to.equal(true);
      expect(await page.locator('h1').innerText()).to.contain('成都运营中心');
      const first = await newestCode(server);
      await page.screenshot({ path: resolve(ARTIFACTS, 'bridge-page.png'), fullPage: true });

      const reloaded = await page.reload();
      expect(reloaded?.status()).to.equal(200);
      expect(await codeLoaded(page)).to.equal(true);
      const shown = await newestCode(server);
      expect(shown.scene).to.not.equal(first.scene);
      expect(shown.appid).to.equal(APP2);
      await page.close();

      // The code shown after the reload is scanned in mini program 2, which then pays.
      const scanner = new Shopper(server, APP2, (await server.api.wxLogin(APP2, 'browser-scanner')).token);
      expect((await scanner.post('/loginWithSceneId', { sceneId: shown.scene })).body.code).to.equal(0);
      const pay = await scanner.post('/order/pay', { order_no: orderNo });
      expect(pay.body.code, JSON.stringify(pay.body)).to.equal(0);
      expect((await sandboxPays(server, orderNo)).status).to.equal(200);
      expect((await demo.detail(orderNo))['status']).to.equal(4);
    });

    it('shows a readable error page with a 4xx', async () => {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
      const response = await page.goto(`${server.url}/miniprogram_bridge/pay?targetOperId=2&orderNo=1&userId=1&ticket=forged-forged-forged-forged`);
      expect(response?.status()).to.equal(401);
      expect(await page.locator('h1').innerText()).to.equal('无法打开支付页面');
      await page.screenshot({ path: resolve(ARTIFACTS, 'bridge-error-page.png'), fullPage: true });
      await page.close();
    });
  });
}
