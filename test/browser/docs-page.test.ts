import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../support/chromium.js';
import { type TestServer, startTestServer } from '../support/test-server.js';

describe('the API document page (/docs) in headless Chromium', function () {
  this.timeout(60_000);
  let server: TestServer;
  let browser: Browser;

  before(async function () {
    const launched = await launchChromium();
    if (!launched) this.skip();
    browser = launched;
    server = await startTestServer({ ORDER_SWEEP_SECONDS: '0', HOUSEKEEPING_MINUTES: '0' });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders every operation of /openapi.json, loading nothing from outside the server', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const expected = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const foreign: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const response = await page.goto(`${server.url}/docs`);
    expect(response?.status()).to.equal(200);
    await page.locator('.opblock').first().waitFor();
    await page.locator('.info .title').waitFor();
    const shown = await page.locator('.opblock').evaluateAll((blocks) =>
      blocks.map((block) => {
        const method = block.querySelector('.opblock-summary-method')?.textContent ?? '';
        const path = block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '';
        return `${method.trim()} ${path}`;
      }),
    );
    await page.screenshot({ path: `${ARTIFACTS}/docs-page.png`, fullPage: false });
    expect(shown).to.have.members(expected);
    expect(await page.locator('.info .title').textContent()).to.match(/O2O/);
    expect(foreign).to.deep.equal([]);
    expect(problems).to.deep.equal([]);

    await page.locator('.opblock-summary-path[data-path="/api/user/order/buy"]').click();
    await page.locator('.opblock.is-open .responses-wrapper').waitFor();
    expect(await page.locator('.opblock.is-open').textContent()).to.match(/goods_id/);
  });
});
