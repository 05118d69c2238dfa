'use strict';
// Starts the PainBot web host for a test file and stops it afterwards.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const SECRET = 'e2e-direct-line-secret-0123456789abcdef';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// extraEnv: settings for this host only (for example { Staff__ApiKey: '…' }).
// Analytics go to a throw-away SQLite file (removed on stop) unless extraEnv names a database.
async function startHost(extraEnv = {}) {
  const port = await freePort();
  const analyticsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'painbot-e2e-analytics-'));
  const base = `http://127.0.0.1:${port}`;
  const configuration = process.env.PAINBOT_CONFIGURATION || 'Debug';
  const child = spawn('dotnet', ['run', '--project', 'src/PainBot.Web', '--no-build', '-c', configuration, '--urls', base], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DOTNET_NOLOGO: '1',
      Knowledge__WatchForChanges: 'false',
      DirectLine__Secret: SECRET,
      DirectLine__ChatTokenPermitsPerMinute: '1000',
      Analytics__Provider: 'Sqlite',
      Analytics__ConnectionString: `Data Source=${path.join(analyticsDir, 'analytics.db')}`,
      ...extraEnv,
      RateLimits__ClientPermitsPerMinute: '100000',
      RateLimits__ConversationActivitiesPerMinute: '1000',
    },
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });

  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) {
      fs.rmSync(analyticsDir, { recursive: true, force: true });
      throw new Error(`web host exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      stop(child, analyticsDir);
      throw new Error(`web host not ready after 240 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }

  return {
    base,
    secret: SECRET,
    output: () => output,
    stop: () => stop(child, analyticsDir),
  };
}

function stop(child, analyticsDir) {
  const removeData = () => fs.rmSync(analyticsDir, { recursive: true, force: true });
  if (child.exitCode !== null) { removeData(); return Promise.resolve(); }
  return new Promise((resolve) => {
    child.once('exit', () => { removeData(); resolve(); });
    try { process.kill(-child.pid, 'SIGTERM'); } catch { removeData(); resolve(); }
    setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10_000).unref();
  });
}

async function chatToken(base) {
  const r = await fetch(`${base}/api/chat/token`, { method: 'POST' });
  if (!r.ok) throw new Error(`chat token: HTTP ${r.status}`);
  return r.json();
}

module.exports = { startHost, chatToken };
