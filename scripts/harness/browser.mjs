// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeDir } from './removeDir.mjs';

export const CHROMIUM = process.env.LAR_CHROMIUM || '/usr/bin/chromium';

export async function launchBrowser({ locale = 'en-US', colorScheme = 'dark' } = {}) {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'lar-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale,
    colorScheme,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  // The profile folder (~20 MB) goes with the browser: a test run opens dozens of them.
  const close = context.close.bind(context);
  context.close = async (...args) => {
    try {
      await close(...args);
    } finally {
      await removeDir(userDataDir);
    }
  };
  return context;
}
