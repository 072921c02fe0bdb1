// parley-loadgen against the real parley-chat: its summary, its trace links
// (the client span's trace is the server's trace), and its exit status when
// nothing is listening.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startFakeOllama } from './fake_ollama.mjs';
import { request, spansFromOtlpJson, startChat, tempDir } from './harness.mjs';

const bin = process.env.PARLEY_BIN;

function loadgen(args, env) { return execute(path.join(bin, 'parley-loadgen'), args, env); }

function execute(program, args, env = {}) {
  const child = spawn(program, args, {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('parley-loadgen', { concurrency: false }, () => {
  let ollama;
  before(async () => { assert.ok(bin, 'PARLEY_BIN must name the build bin directory'); ollama = await startFakeOllama(); });
  after(async () => { await ollama.close(); });

  test('sends the mix, summarises it, and links traces the server continued', async () => {
    const dir = tempDir();
    const server = await startChat(bin, {
      PARLEY_DB: path.join(dir, 'chat.db'), OLLAMA_URL: ollama.url, TRACING_ENABLED: 'true',
      TRACING_PROVIDER: 'file', TRACING_ENDPOINT: path.join(dir, 'server.jsonl'), TRACING_SAMPLE_RATE: '1.0',
    });
    const info = (await request(server.url, 'GET', '/api/info')).body;
    assert.match(info.trace_page, /^http:\/\/127\.0\.0\.1:\d+\/debug\/traces$/);
    const clientTraces = path.join(dir, 'client.jsonl');
    const run = await loadgen(['--requests', '40', '--concurrency', '4', '--url', server.url, '--ui', 'builtin'], {
      TRACING_PROVIDER: 'file', TRACING_ENDPOINT: clientTraces,
    });
    assert.equal(run.code, 0, run.stderr);
    const out = run.stdout;
    assert.match(out, /Summary: 40 requests to http:\/\/127\.0\.0\.1:\d+ with 4 workers/);
    assert.match(out, /Requests\/s: \d+(\.\d+)?/);
    assert.match(out, /Latency: p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms/);
    // The default mix 7:1:1:1 over 40 requests: 4 unknown-room and 4 malformed bodies.
    assert.match(out, /Errors by status: 400 x4 404 x4/);
    assert.match(out, /ai 4 \(0 failed\)/);
    // Progress goes to stderr as plain lines when it is not a terminal.
    assert.match(run.stderr, /progress: 40\/40 requests, 8 failed/);
    const links = [...out.matchAll(/(http:\/\/\S+\/debug\/traces\/([0-9a-f]{32}))/g)];
    assert.ok(links.length >= 3, out);
    for (const [, link] of links) assert.ok(link.startsWith(info.trace_page + '/'), `${link} is on the trace page`);
    await server.stop();
    // Every linked trace starts at the load generator's CLIENT span and goes on in the server.
    const client = spansFromOtlpJson(fs.readFileSync(clientTraces, 'utf8').trim().split('\n').map((line) => JSON.parse(line)));
    const served = spansFromOtlpJson(fs.readFileSync(path.join(dir, 'server.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line)));
    for (const [, , traceId] of links) {
      const root = client.find((span) => span.traceId === traceId && span.kind === 'client');
      assert.ok(root, `client span of ${traceId}`);
      const serverSpan = served.find((span) => span.traceId === traceId && span.kind === 'server');
      assert.ok(serverSpan, `server span of ${traceId}`);
      assert.equal(serverSpan.parentId, root.spanId);
    }
    // parley-trace reads what the server exported: trees with the bottleneck, filters, the service map.
    const serverFile = path.join(dir, 'server.jsonl');
    const [, , firstId] = links[0];
    const tree = await execute(path.join(bin, 'parley-trace'), ['--trace-id', firstId, '--color', 'never', serverFile]);
    assert.equal(tree.code, 0, tree.stderr);
    assert.match(tree.stdout, new RegExp(`Trace: POST /api/messages \\([^)]+ total\\).*trace_id=${firstId}`));
    assert.match(tree.stdout, /Bottleneck/);
    assert.equal((tree.stdout.match(/^Trace: /gm) || []).length, 1, tree.stdout);
    const failing = await execute(path.join(bin, 'parley-trace'), ['--name', 'POST /api/messages', '--min-duration', '10s', serverFile]);
    assert.equal(failing.code, 0, failing.stderr);
    assert.doesNotMatch(failing.stdout, /^Trace: /m, 'no request took 10 s');
    const map = await execute(path.join(bin, 'parley-trace'), ['--format', 'mermaid', serverFile]);
    assert.equal(map.code, 0, map.stderr);
    assert.match(map.stdout, /chat-system/);
    assert.match(map.stdout, /ollama/);
    const missing = await execute(path.join(bin, 'parley-trace'), [path.join(dir, 'nope.jsonl')]);
    assert.equal(missing.code, 1);
  });

  test('exits 1 with a clear message when the server cannot be reached', async () => {
    const port = await closedPort();
    const run = await loadgen(['--requests', '5', '--url', `http://127.0.0.1:${port}`], { TRACING_ENABLED: 'false' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`cannot reach parley-chat at http://127\\.0\\.0\\.1:${port}`));
    assert.match(run.stderr, /is parley-chat running\?/);
  });
});
