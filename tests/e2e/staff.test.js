'use strict';
// The staff report in headless Chromium: a Web Chat feedback click reaches report.json, the sign-in form sets the
// cookie, the charts are drawn, the CSV downloads, and the page fits a phone.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { startHost } = require('./host');

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const shots = process.env.PAINBOT_SCREENSHOTS || '/tmp';
const KEY = 'e2e-staff-key-0123456789abcdef';

let host;
let browser;
let dataDir;
before(async () => {
  // A throw-away analytics database, so the counts start from nothing and the repository's data/ is untouched.
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'painbot-e2e-staff-'));
  host = await startHost({ Staff__ApiKey: KEY, Analytics__ConnectionString: `Data Source=${path.join(dataDir, 'analytics.db')}` });
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
});
after(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

async function report(days = 30) {
  const r = await fetch(`${host.base}/staff/report.json?days=${days}`, { headers: { 'X-Staff-Key': KEY } });
  assert.equal(r.status, 200);
  return r.json();
}

function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.type()}: ${m.text()}`); });
  return errors;
}

test('report.json needs the key and keeps the contract shape', async () => {
  assert.equal((await fetch(`${host.base}/staff/report.json`)).status, 401);
  assert.equal((await fetch(`${host.base}/staff/report.json`, { headers: { 'X-Staff-Key': 'wrong-key-0123456789' } })).status, 403);
  assert.equal((await fetch(`${host.base}/staff/report.json?days=0`, { headers: { 'X-Staff-Key': KEY } })).status, 400);
  const body = await report();
  assert.equal(body.days, 30);
  assert.equal(typeof body.turns, 'number');
  assert.deepEqual(Object.keys(body.escalations), ['emergency', 'crisis', 'urgent', 'med_safety']);
  assert.ok(Array.isArray(body.unanswered));
  assert.deepEqual(Object.keys(body.feedback), ['helpful', 'not_helpful']);
});

test('a thumbs-down clicked in Web Chat shows up in report.json', async () => {
  const before = await report();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(host.base + '/');
  await page.locator('#pb-status', { hasText: 'Connected' }).waitFor({ timeout: 60_000 });

  const box = page.locator('[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input').first();
  await box.click();
  await box.fill('Does acupuncture help back pain?');
  await box.press('Enter');
  await page.locator('.webchat__bubble__content', { hasText: 'Sources' }).first().waitFor({ timeout: 90_000 });

  // Web Chat draws the thumbs from the answer's schema.org Like/Dislike actions.
  const down = page.locator('button.webchat__thumb-button:has(.webchat__thumb-button__image--is-down)').last();
  await down.waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('button.webchat__thumb-button').count() >= 2, true, 'like and dislike are both shown');
  await down.click();
  await page.locator('button.webchat__thumb-button[aria-pressed="true"]').first().waitFor({ timeout: 10_000 });
  await page.screenshot({ path: `${shots}/painbot-webchat-feedback.png` });

  // Web Chat posts the event after a 500 ms debounce, and turns are written by a background queue: poll.
  let after;
  for (let i = 0; i < 40; i++) {
    after = await report();
    if (after.feedback.not_helpful > before.feedback.not_helpful && after.turns > before.turns) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(after.feedback.not_helpful, before.feedback.not_helpful + 1);
  assert.equal(after.feedback.helpful, before.feedback.helpful);
  assert.ok(after.turns > before.turns, 'the answered turn was recorded');
  assert.deepEqual(errors, []);
  await page.close();
});

test('staff sign in, see charts with data, and download the CSV; the page fits a phone', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();

  await page.goto(host.base + '/staff');
  await page.locator('#key').fill('not-the-right-key-at-all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor({ timeout: 10_000 });
  assert.equal((await context.cookies()).some((c) => c.name === 'painbot-staff'), false);
  const errors = watchErrors(page); // from here on: the refused key above is logged by Chromium as a 401

  await page.locator('#key').fill(KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Top topics' }).waitFor({ timeout: 10_000 });
  assert.ok(!page.url().includes(KEY), 'the key is never in a URL');
  const cookie = (await context.cookies()).find((c) => c.name === 'painbot-staff');
  assert.ok(cookie, 'the sign-in cookie is set');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');

  // Charts: SVG drawn on the server, labelled, with bars that carry their values.
  for (const id of ['chart-topics', 'chart-escalations', 'chart-feedback']) {
    const svg = page.locator(`svg#${id}`);
    assert.equal(await svg.getAttribute('role'), 'img');
    assert.ok((await svg.locator('title').first().textContent()).length > 0, `${id} has a title`);
  }
  const topicBars = await page.locator('svg#chart-topics rect[data-count]').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))));
  assert.ok(topicBars.length > 0 && topicBars.every((n) => n > 0), `topic bars: ${topicBars}`);
  const feedbackBars = await page.locator('svg#chart-feedback rect[data-count]').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))));
  assert.ok(feedbackBars[1] >= 1, `the not-helpful bar counts the click: ${feedbackBars}`);
  const box = await page.locator('svg#chart-topics rect[data-count]').first().boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0, 'the bars are drawn');

  // Nothing wider than the phone (wide tables scroll inside their own box).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: `${shots}/painbot-staff-report.png`, fullPage: true });

  // The days selector reloads the report for another period.
  await page.locator('#days').selectOption('7');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/days=7/);
  assert.equal(await page.locator('#days').inputValue(), '7');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'painbot-report-7d.csv');
  const csv = await fs.readFile(await download.path(), 'utf8');
  assert.equal(csv.split('\r\n')[0], 'section,name,count,day');
  assert.match(csv, /\r\nturns,turns,\d+,\r\n/);
  assert.match(csv, /\r\nfeedback,not_helpful,[1-9]\d*,\r\n/);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator('#key').waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, []);
  await context.close();
});
