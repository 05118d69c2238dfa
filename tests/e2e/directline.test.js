'use strict';
// The official Direct Line client (botframework-directlinejs) in Node against PainBot's built-in Direct Line.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startHost, chatToken } = require('./host');

global.XMLHttpRequest = require('xhr2');
global.WebSocket = require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

let host;
before(async () => { host = await startHost(); });
after(async () => { await host?.stop(); });

function waitFor(list, predicate, what, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const found = list.find(predicate);
      if (found) { clearInterval(timer); resolve(found); }
      else if (Date.now() - started > timeoutMs) { clearInterval(timer); reject(new Error(`timed out waiting for ${what}; saw ${JSON.stringify(list.map((a) => [a.id, a.type, a.from && a.from.role]))}`)); }
    }, 50);
  });
}

function post(dl, activity) {
  return new Promise((resolve, reject) => dl.postActivity(activity).subscribe(resolve, reject));
}

async function conversationRoundTrip(webSocket) {
  const session = await chatToken(host.base);
  const dl = new DirectLine({ domain: session.domain, token: session.token, webSocket, pollingInterval: 300 });
  const seen = [];
  const sub = dl.activity$.subscribe((a) => seen.push(a));
  try {
    const welcome = await waitFor(seen, (a) => a.from.role === 'bot', 'the welcome');
    assert.match(welcome.id, /\|\d+$/);
    assert.match(welcome.timestamp, /Z$/);
    const watermarkBefore = Number(dl.watermark || 0);

    const clientActivityID = `e2e-${webSocket ? 'ws' : 'poll'}-${Date.now()}`;
    const id = await post(dl, {
      type: 'message',
      from: { id: session.userId, name: 'Visitor', role: 'user' },
      text: 'Does acupuncture help back pain?',
      channelData: { clientActivityID },
    });
    assert.ok(id, 'the post returns the activity id');

    const echo = await waitFor(seen, (a) => a.channelData && a.channelData.clientActivityID === clientActivityID, 'the echo');
    assert.equal(echo.id, id);
    assert.equal(echo.from.id, session.userId);
    assert.equal(echo.from.role, 'user');
    assert.equal(echo.text, 'Does acupuncture help back pain?');
    assert.match(echo.timestamp, /Z$/);

    const reply = await waitFor(seen, (a) => a.from.role === 'bot' && a.type === 'message' && a.replyToId === id, 'the reply');
    assert.equal(reply.type, 'message');
    assert.equal(reply.channelId, 'directline');
    assert.ok(reply.channelData.painbot.citations.length > 0, 'the answer cites passages');
    assert.ok(reply.suggestedActions.actions.length > 0, 'the answer suggests follow-ups');

    if (!webSocket) {
      // Polling keeps the watermark; WebSocket frames carry it too but DirectLineJS keeps it only for polling.
      await waitFor([dl], (d) => Number(d.watermark) >= watermarkBefore + 2, 'the watermark to advance', 5_000);
    }
  } finally {
    sub.unsubscribe();
    dl.end();
  }
}

test('polling: echo with id and clientActivityID, cited reply, watermark advances', () => conversationRoundTrip(false));

test('WebSocket: echo with id and clientActivityID, cited reply', () => conversationRoundTrip(true));

test("a token cannot open or read another visitor's conversation", async () => {
  const mine = await chatToken(host.base);
  const theirs = await chatToken(host.base);
  const opened = await fetch(`${theirs.domain}/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${theirs.token}` } });
  assert.equal(opened.status, 201);

  const read = await fetch(`${mine.domain}/conversations/${theirs.conversationId}/activities?watermark=`, { headers: { Authorization: `Bearer ${mine.token}` } });
  assert.equal(read.status, 403);

  // The official client reconnecting to their conversation with my token is refused.
  const dl = new DirectLine({ domain: mine.domain, token: mine.token, conversationId: theirs.conversationId, webSocket: false, pollingInterval: 300 });
  const statuses = [];
  const sub = dl.connectionStatus$.subscribe((s) => statuses.push(s));
  const errors = [];
  const activities = dl.activity$.subscribe(() => {}, (e) => errors.push(e));
  try {
    const refused = await waitFor(statuses, (s) => s === ConnectionStatus.ExpiredToken || s === ConnectionStatus.FailedToConnect, 'the refusal', 15_000);
    assert.ok(refused);
    await waitFor(errors, (e) => /403/.test(String(e && e.message)), 'the 403 error', 5_000);
    assert.ok(!statuses.includes(ConnectionStatus.Online), `statuses: ${statuses}`);
  } finally {
    sub.unsubscribe();
    activities.unsubscribe();
    dl.end();
  }
});

test('the secret generates a token for one conversation; refresh keeps the conversation', async () => {
  const generated = await fetch(`${host.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${host.secret}` } });
  assert.equal(generated.status, 200);
  const g = await generated.json();
  assert.ok(g.conversationId && g.token && g.expires_in > 0);

  const refreshed = await fetch(`${host.base}/v3/directline/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${g.token}` } });
  assert.equal(refreshed.status, 200);
  const r = await refreshed.json();
  assert.equal(r.conversationId, g.conversationId);
  assert.notEqual(r.token, g.token);
});
