import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build/index.js';
import { writeReportFiles } from '../../src/report/files.js';
import { renderReport } from '../../src/report/render/index.js';
import { inputs } from './fixtures.js';

// Debian's Chromium, driven by playwright-core: the report as a reader's browser shows it.
const SCREENSHOTS = join(import.meta.dirname, '__screenshots__');
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  dir = mkdtempSync(join(tmpdir(), 'bearing-report-html-'));
  await writeReportFiles(dir, (await renderReport(buildReport(inputs()))).files);
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('report.html in a browser', () => {
  it('draws every chart, logs no error and requests nothing from the network', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    await expect(page.title()).resolves.toBe('Weekly drift report 2026-W47');

    for (const id of ['allocation', 'trend', 'pressure']) {
      const svg = page.locator(`figure[data-chart="${id}"] svg`);
      await expect(svg.count(), id).resolves.toBe(1);
      const box = await svg.boundingBox();
      expect(box?.width, id).toBeGreaterThan(300);
      expect(box?.height, id).toBeGreaterThan(150);
      // Drawn: bars, lines and axes are paths with a real extent on the page.
      const drawn = await svg.evaluate(
        (el) =>
          [...el.querySelectorAll('path, rect')].filter((shape) => {
            const r = shape.getBoundingClientRect();
            return r.width > 1 || r.height > 1;
          }).length,
      );
      expect(drawn, id).toBeGreaterThan(10);
      const labels = await svg.evaluate((el) => [...el.querySelectorAll('text')].map((t) => t.textContent));
      expect(labels.length, id).toBeGreaterThan(3);
    }
    const allocationLabels = await page.locator('figure[data-chart="allocation"] svg text').allTextContents();
    expect(allocationLabels).toContain('Digital revenue');
    expect(allocationLabels).toContain('22%');

    mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = await page.screenshot({ path: join(SCREENSHOTS, 'report.png'), fullPage: true });
    expect(shot.length).toBeGreaterThan(10_000);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
