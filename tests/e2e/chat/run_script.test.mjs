// `make run`'s script: it starts parley-chat with tracing on, says where to
// look, serves the chat page and the trace page, and stops cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { request, tempDir } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('scripts/run starts the traced chat server and prints where to look', async () => {
  const dir = tempDir();
  const [httpPort, adminPort] = [await freePort(), await freePort()];
  const traces = path.join(dir, 'traces.jsonl');
  const child = spawn('bash', [path.join(root, 'scripts/run')], {
    env: { PATH: process.env.PATH, PARLEY_HTTP_ADDR: `127.0.0.1:${httpPort}`, PARLEY_ADMIN_ADDR: `127.0.0.1:${adminPort}`,
           PARLEY_DB: path.join(dir, 'chat.db'), TRACING_ENDPOINT: traces, OLLAMA_URL: 'http://127.0.0.1:9' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 20000;
  while (!/trace page on /.test(output)) {
    assert.ok(Date.now() < deadline, `no start-up lines:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.match(output, new RegExp(`chat page: +http://127\\.0\\.0\\.1:${httpPort}/`));
  assert.match(output, new RegExp(`trace page: +http://127\\.0\\.0\\.1:${adminPort}/debug/traces`));
  const page = await request(`http://127.0.0.1:${httpPort}`, 'GET', '/');
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'], /text\/html/);
  const health = await request(`http://127.0.0.1:${adminPort}`, 'GET', '/debug/traces/api/health');
  assert.equal(health.status, 200);
  assert.equal(health.body.enabled, true);
  child.kill('SIGINT');  // Ctrl-C
  assert.deepEqual(await exited, { code: 0, signal: null }, output);
  // Console trees went to the terminal and OTLP JSON lines to the file: the start-up trace at least.
  assert.match(output, /Trace: parley-chat startup/);
  assert.match(fs.readFileSync(traces, 'utf8'), /"name":"parley-chat startup"/);
});
