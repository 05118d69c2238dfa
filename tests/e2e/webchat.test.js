'use strict';
// The official Web Chat (botframework-webchat, served by the host) in headless Chromium.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { chromium } = require('playwright-core');
const { startHost } = require('./host');

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const shots = process.env.PAINBOT_SCREENSHOTS || '/tmp';

let host;
let browser;
before(async () => {
  host = await startHost();
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
});
after(async () => {
  await browser?.close();
  await host?.stop();
});

const input = '[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input';

async function ask(page, text) {
  const box = page.locator(input).first();
  await box.click();
  await box.fill(text);
  await box.press('Enter');
}

test('a visitor gets a cited answer with suggestions, and an emergency is escalated visibly', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  // Anything the content security policy blocks is recorded (the console shows it too).
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(host.base + '/');
  const csp = response.headers()['content-security-policy'] || '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);

  // The welcome arrives and the send box is labelled for screen readers.
  await page.locator('.webchat__bubble__content', { hasText: 'PainBot, the clinic' }).first().waitFor({ timeout: 60_000 });
  const box = page.locator(input).first();
  assert.ok(await box.getAttribute('aria-label') || await box.getAttribute('placeholder'), 'the send box has an accessible name');
  await page.locator('#pb-status', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });

  await ask(page, 'Does acupuncture help back pain?');
  const answer = page.locator('.webchat__bubble__content', { hasText: 'Sources' }).first();
  await answer.waitFor({ timeout: 90_000 });
  assert.match(await answer.innerText(), /acupuncture/i);
  const suggestions = page.locator('.webchat__suggested-action');
  await suggestions.first().waitFor({ timeout: 30_000 });
  assert.ok(await suggestions.count() > 0, 'suggested actions are shown');
  // The message was delivered (no "send failed"): the echo carried clientActivityID and an id.
  assert.equal(await page.getByText('Send failed', { exact: false }).count(), 0);
  await page.screenshot({ path: `${shots}/painbot-webchat-answer.png` });

  // A suggestion is a real button: activating it by keyboard sends it.
  const first = suggestions.first();
  const suggestionText = (await first.innerText()).trim();
  await first.focus();
  await page.keyboard.press('Enter');
  await page.locator('.webchat__bubble--from-user', { hasText: suggestionText }).first().waitFor({ timeout: 30_000 });

  await ask(page, "I have crushing chest pain and can't breathe");
  const escalation = page.locator('[data-painbot-level="emergency"]').first();
  await escalation.waitFor({ timeout: 60_000 });
  assert.match(await escalation.innerText(), /emergency/i);
  assert.match(await escalation.innerText(), /911/);
  await page.locator('#pb-alert', { hasText: 'Emergency' }).waitFor({ state: 'attached', timeout: 10_000 });
  await escalation.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/painbot-webchat-emergency.png` });

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'nothing was blocked by the content security policy');
  assert.deepEqual(errors, []);
  await page.close();
});

test('answers are whole sections: a comparison carries both therapies, a timing question its section, a list its items', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(host.base + '/');
  await page.locator('#pb-status', { hasText: 'Connected' }).waitFor({ timeout: 60_000 });

  const cases = [
    { say: 'Is tai chi or yoga better for knee arthritis?', shot: 'comparison', expect: [/tai chi/i, /yoga/i] },
    { say: 'How many acupuncture sessions will I need?', shot: 'timing', expect: [/Typical courses/, /sessions/i] },
    { say: 'What foods are anti-inflammatory?', shot: 'list', expect: [/Fatty fish/i, /olive oil/i] },
  ];
  for (const [i, c] of cases.entries()) {
    await ask(page, c.say);
    // The i-th answer carrying sources is the reply to this question.
    const answer = page.locator('.webchat__bubble__content', { hasText: 'Sources' }).nth(i);
    await answer.waitFor({ timeout: 90_000 });
    const text = await answer.innerText();
    for (const e of c.expect) assert.match(text, e);
    // Every list item is introduced: the reply never ends a line with ":" and nothing after it.
    assert.doesNotMatch(text, /:\s*(\[\d+\])?\s*$/m);
    if (c.shot === 'list') assert.ok(await answer.locator('li').count() >= 5, 'the foods are shown as a list');
    // Two views of the reply: its beginning and its end (the chat pane scrolls).
    await answer.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${shots}/painbot-webchat-${c.shot}-start.png` });
    await answer.evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: `${shots}/painbot-webchat-${c.shot}-end.png` });
  }

  assert.deepEqual(errors, []);
  await page.close();
});
