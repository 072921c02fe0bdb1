// Harness for the browser tests: the real parley-chat binary on loopback
// (chat address + admin address, temporary database, traces to a file), a
// fake Ollama speaking the real streaming /api/chat API, and headless
// Chromium driven by playwright-core.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const artifacts = path.join(here, 'artifacts');

export function tempDir() { return fs.mkdtempSync(path.join(os.tmpdir(), 'parley-browser-')); }

// A loopback port that was free a moment ago.
export function freePort() {
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

// A stand-in for Ollama: POST /api/chat answered as streaming NDJSON (one
// {"message":{...},"done":false} line per piece, then {"done":true,...}), or
// one JSON object when "stream": false. Records every request.
export async function startFakeOllama(answer = ['Hello', ' from', ' the fake', ' llama.']) {
  const requests = [];
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/api/chat') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'not found' }));
        return;
      }
      let body;
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'bad json' }));
        return;
      }
      requests.push({ headers: req.headers, body });
      const model = body.model;
      const created = () => new Date().toISOString();
      const final = () => ({ model, created_at: created(), message: { role: 'assistant', content: '' }, done: true,
                             done_reason: 'stop', total_duration: 1000, load_duration: 10, prompt_eval_count: 26,
                             prompt_eval_duration: 100, eval_count: answer.length, eval_duration: 500 });
      if (body.stream === false) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...final(), message: { role: 'assistant', content: answer.join('') } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      const pieces = [...answer];
      const step = () => {
        if (pieces.length === 0) { res.end(JSON.stringify(final()) + '\n'); return; }
        res.write(JSON.stringify({ model, created_at: created(), message: { role: 'assistant', content: pieces.shift() },
                                   done: false }) + '\n');
        setTimeout(step, 5);
      };
      step();
    });
  });
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port, url: `http://127.0.0.1:${port}`, requests, answer: answer.join(''),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// Starts parley-chat; resolves once it printed "listening on http://".
export async function startChat({ ollamaPort }) {
  const bin = process.env.PARLEY_BIN;
  if (!bin) throw new Error('PARLEY_BIN must name the directory holding parley-chat');
  const dir = tempDir();
  const httpPort = await freePort();
  let adminPort = await freePort();
  while (adminPort === httpPort) adminPort = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME || dir,
    PARLEY_HTTP_ADDR: `127.0.0.1:${httpPort}`,
    PARLEY_ADMIN_ADDR: `127.0.0.1:${adminPort}`,
    PARLEY_DB: path.join(dir, 'chat.db'),
    PARLEY_THREADS: '2',
    OLLAMA_URL: `http://127.0.0.1:${ollamaPort}`,
    OLLAMA_MODEL: 'llama2',
    TRACING_ENABLED: 'true',
    TRACING_PROVIDER: 'file',
    TRACING_ENDPOINT: path.join(dir, 'traces.jsonl'),
    TRACING_SAMPLE_RATE: '1.0',
    TRACING_BATCH_TIMEOUT: '0.1',  // seconds: export (and fill the trace page's ring) within 100 ms
  };
  const child = spawn(path.join(bin, 'parley-chat'), [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let started = false;
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parley-chat did not start in 20 s:\n${output}`)), 20000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!started && output.includes('listening on http://')) {
        started = true;
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`parley-chat exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${httpPort}`,
    adminUrl: `http://127.0.0.1:${adminPort}`,
    dir,
    output: () => output,
    exited,
    // SIGTERM, then the exit status (killed with SIGKILL after 10 s).
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      const status = await exited;
      clearTimeout(timer);
      return status;
    },
  };
}

// GET <url> until it answers 200 (the admin listener may start a moment
// after the chat address).
// The fake Ollama, parley-chat and a browser for one test file; stop()
// closes them and checks that parley-chat exited cleanly on SIGTERM.
export async function startStack() {
  const ollama = await startFakeOllama();
  const chat = await startChat({ ollamaPort: ollama.port });
  const browser = await launchBrowser();
  return {
    ollama, chat, browser,
    async stop() {
      await browser.close();
      const status = await chat.stop();
      assert.deepEqual(status, { code: 0, signal: null }, `parley-chat did not exit cleanly:\n${chat.output()}`);
      await ollama.close();
    },
  };
}

export async function waitForOk(url, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return response.json();
      last = `${response.status} ${await response.text()}`;
    } catch (err) {
      last = err.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 in ${timeoutMs} ms: ${last}`);
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    // A document answered by route.fulfill (PARLEY_WEB_DIR) has no address of
    // its own, so Chromium's local-network checks would block its WebSocket.
    args: ['--no-sandbox', ...(process.env.PARLEY_WEB_DIR ? ['--disable-features=LocalNetworkAccessChecks'] : [])],
    headless: true,
  });
}

// When PARLEY_WEB_DIR names src/chat/web, the two pages are answered from
// there instead of from the binary (which embeds them at build time), to work
// on the pages without a rebuild. The API calls still reach the binary.
async function servePagesFromSource(context) {
  const dir = process.env.PARLEY_WEB_DIR;
  if (!dir) return;
  const pages = { '/': 'index.html', '/debug/traces': 'traces.html' };
  await context.route((url) => url.pathname in pages, (route) => route.fulfill({
    status: 200, contentType: 'text/html; charset=utf-8',
    body: fs.readFileSync(path.join(dir, pages[new URL(route.request().url()).pathname])),
  }));
}

// A page that fails the test on uncaught page errors: collects them.
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await servePagesFromSource(context);
  const page = await context.newPage();
  page.pageErrors = [];
  page.on('pageerror', (err) => page.pageErrors.push(err.message));
  page.setDefaultTimeout(15000);
  return { context, page };
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, name), fullPage: true });
}

// Signs a new user up through the chat page.
export async function signUp(page, base, username, password = 'correct horse battery') {
  await page.goto(base + '/');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('signup').click();
  await page.getByTestId('room-name').waitFor({ state: 'visible' });
}

// Polls fn until it returns a truthy value.
export async function eventually(fn, { timeout = 15000, interval = 200, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}
