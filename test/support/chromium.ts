import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Screenshots land here (ignored by git), for a person to look at after a run. */
export const ARTIFACTS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../test-artifacts');

/**
 * Headless Chromium for a browser test, or null when the machine has none (CI installs it, see
 * .ci/run, and fails without it; a developer machine without it skips the test instead).
 */
export async function launchChromium(): Promise<Browser | null> {
  if (!existsSync(CHROMIUM)) {
    if (process.env['CI']) throw new Error(`Chromium not found at ${CHROMIUM}`);
    return null;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
