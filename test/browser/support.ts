/**
 * Browser tests: the real server on a free port, Debian's Chromium driven by playwright-core, and the checks every
 * page gets — axe-core (no serious or critical violation), no request leaving the origin, and the transfer budget
 * (≤ 100 KB compressed on first load, except pages with the map). Screenshots go to docs/screenshots/.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestApp, TestAppOptions } from '../support/app.js';
import { createPagesApp } from '../pages/support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
export const BUDGET_BYTES = 100 * 1024;

function newest(dir: string): number {
  let max = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    max = Math.max(max, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return max;
}

/** Builds the islands when the build is missing or older than src/web (one build at a time across test files). */
export async function ensureIslandsBuilt(): Promise<void> {
  const manifest = join(ROOT, 'public', 'build', '.vite', 'manifest.json');
  const lock = join(ROOT, 'public', '.build-lock');
  const stale = () => !existsSync(manifest) || statSync(manifest).mtimeMs < Math.max(newest(join(ROOT, 'src', 'web')), statSync(join(ROOT, 'web.vite.config.ts')).mtimeMs);
  for (let waited = 0; stale(); waited += 200) {
    try {
      mkdirSync(lock);
    } catch {
      if (waited > 120_000) throw new Error('Timed out waiting for another test file to build the islands');
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      if (stale()) {
        const { build } = await import('vite');
        await build({ configFile: join(ROOT, 'web.vite.config.ts'), logLevel: 'error' });
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface BrowserHarness {
  t: TestApp;
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The server listening on 127.0.0.1 with KOTAK_BASE_URL = its own origin (download links stay on the origin). */
export async function startHarness(opts: TestAppOptions = {}): Promise<BrowserHarness> {
  await ensureIslandsBuilt();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const t = await createPagesApp('sqlite', { ...opts, config: { baseUrl: origin, ...opts.config } });
  await t.server.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  return {
    t,
    origin,
    browser,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Everything a page requested, to check the origin and the transferred bytes. */
export interface Traffic {
  urls: string[];
  /** Encoded (compressed) response bytes, headers included, per URL of the current document load. */
  bytes: Map<string, number>;
  reset(): void;
}

export async function newPage(h: BrowserHarness, opts: { width?: number; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page; traffic: Traffic }> {
  const context = await h.browser.newContext({
    viewport: { width: opts.width ?? 1280, height: 900 },
    locale: opts.locale ?? 'id-ID',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const traffic: Traffic = {
    urls: [],
    bytes: new Map(),
    reset() {
      this.urls.length = 0;
      this.bytes.clear();
    },
  };
  page.on('request', (r) => traffic.urls.push(r.url()));
  page.on('requestfinished', async (r) => {
    try {
      const s = await r.sizes();
      traffic.bytes.set(r.url(), s.responseBodySize + s.responseHeadersSize);
    } catch {
      /* the page navigated away */
    }
  });
  return { context, page, traffic };
}

/** Fails when any request of the page went somewhere other than the portal (issue 6: nothing loaded from outside). */
export function expectSameOrigin(h: BrowserHarness, traffic: Traffic): void {
  const outside = traffic.urls.filter((u) => !u.startsWith(h.origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(outside, 'requests that left the origin').toEqual([]);
}

/** Loads a page with an empty cache and checks the transferred bytes against the budget. */
export async function loadWithinBudget(page: Page, traffic: Traffic, url: string, budget = BUDGET_BYTES): Promise<number> {
  traffic.reset();
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(50);
  const total = [...traffic.bytes.values()].reduce((a, b) => a + b, 0);
  expect(total, `${url} transferred ${total} bytes`).toBeLessThanOrEqual(budget);
  return total;
}

/** axe-core inside the page: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `axe violations on ${label}`).toEqual([]);
}

/** Screenshots of the page at 1280 px and 360 px (full page), for docs/screenshots/. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForTimeout(100);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-360.png`), fullPage: true });
  await page.setViewportSize(size);
}

export interface AuditOptions {
  /** Screenshot name (docs/screenshots/{name}-1280.png and -360.png); none when absent. */
  screenshot?: string;
  /** Byte budget for the first load; null for the map pages, which the budget does not cover. */
  budget?: number | null;
  /** Cookies and storage of a signed-in flow. */
  from?: BrowserContext;
  locale?: string;
  /** Wait for this selector before auditing (e.g. the drawn map). */
  waitFor?: string;
}

/**
 * Loads `path` in a fresh browser context (empty cache, so this is a first load) and applies every page check:
 * transfer budget, same origin, axe-core; then takes the screenshots. Returns the bytes transferred.
 */
export async function auditPage(h: BrowserHarness, path: string, opts: AuditOptions = {}): Promise<number> {
  const context = await h.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: opts.locale ?? 'id-ID',
    ...(opts.from ? { storageState: await opts.from.storageState() } : {}),
  });
  try {
    const page = await context.newPage();
    const traffic: Traffic = { urls: [], bytes: new Map(), reset() {} };
    page.on('request', (r) => traffic.urls.push(r.url()));
    const sizes: Promise<void>[] = [];
    page.on('requestfinished', (r) => {
      sizes.push(
        r.sizes().then(
          (s) => void traffic.bytes.set(r.url(), s.responseBodySize + s.responseHeadersSize),
          () => {},
        ),
      );
    });
    const res = await page.goto(h.origin + path, { waitUntil: 'networkidle' });
    expect(res?.status(), `${path} status`).toBeLessThan(400);
    if (opts.waitFor) await page.waitForSelector(opts.waitFor, { timeout: 15_000 });
    await Promise.all(sizes);
    const total = [...traffic.bytes.values()].reduce((a, b) => a + b, 0);
    if (opts.budget !== null) expect(total, `${path} transferred ${total} bytes`).toBeLessThanOrEqual(opts.budget ?? BUDGET_BYTES);
    expectSameOrigin(h, traffic);
    await expectAccessible(page, path);
    if (opts.screenshot) await screenshots(page, opts.screenshot);
    return total;
  } finally {
    await context.close();
  }
}
