// parley-chat under bad input, failing dependencies and shutdown: clear 4xx
// or close codes, nothing stored half, everyone else still served.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { startFakeOllama } from './fake_ollama.mjs';
import { request, spansFromOtlpJson, startChat, tempDir } from './harness.mjs';

const bin = process.env.PARLEY_BIN;

function socketEvents(url) {
  const socket = new WebSocket(url);
  const events = [];
  let wake = () => {};
  socket.on('message', (data) => { events.push(JSON.parse(data.toString())); wake(); });
  const closed = new Promise((resolve) => socket.on('close', (code, reason) => { resolve({ code, reason: reason.toString() }); wake(); }));
  const opened = new Promise((resolve, reject) => { socket.on('open', resolve); socket.on('error', reject); socket.on('unexpected-response', (req, res) => reject(new Error(`HTTP ${res.statusCode}`))); });
  return { socket, events, closed, opened,
    async next(predicate) {
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        await new Promise((resolve) => { wake = resolve; });
      }
    } };
}

describe('parley-chat robustness', { concurrency: false }, () => {
  let ollama, server, dir, base, token, roomId, env;
  const auth = () => ({ authorization: `Bearer ${token}` });
  const count = async () => (await request(base, 'GET', `/api/rooms/${roomId}/messages?limit=200`)).body.length;

  before(async () => {
    ollama = await startFakeOllama();
    dir = tempDir();
    env = { PARLEY_DB: path.join(dir, 'chat.db'), OLLAMA_URL: ollama.url, OLLAMA_TIMEOUT_MS: '800',
            PARLEY_MAX_CONNECTIONS: '40', TRACING_ENABLED: 'true', TRACING_PROVIDER: 'file',
            TRACING_ENDPOINT: path.join(dir, 'traces.jsonl'), TRACING_SAMPLE_RATE: '1.0' };
    server = await startChat(bin, env);
    base = server.url;
    await request(base, 'POST', '/api/users', { body: { username: 'carol', password: 'long enough' } });
    token = (await request(base, 'POST', '/api/sessions', { body: { username: 'carol', password: 'long enough' } })).body.token;
    roomId = (await request(base, 'POST', '/api/rooms', { body: { name: 'lobby' }, headers: auth() })).body.id;
  });
  after(async () => {
    if (server) await server.stop();
    await ollama.close();
  });

  test('malformed, incomplete and wrong-typed bodies are 400 with an error, and store nothing', async () => {
    const cases = [
      ['{"room_id": 1, "text": "unterminated', /malformed JSON/],
      ['[1,2,3]', /JSON object/],
      [JSON.stringify({ text: 'no room' }), /room_id/],
      [JSON.stringify({ room_id: 'one', text: 'x' }), /room_id/],
      [JSON.stringify({ room_id: -4, text: 'x' }), /room_id/],
      [JSON.stringify({ room_id: 1.5, text: 'x' }), /room_id/],
      [JSON.stringify({ room_id: 1, text: 42 }), /text/],
      [JSON.stringify({ room_id: 1, text: '' }), /text/],
      [JSON.stringify({ room_id: 1, text: 'x', type: 'NOT OK' }), /type/],
      ['{"a":' .repeat(100) + '1' + '}'.repeat(100), /malformed JSON/],
    ];
    const before = await count();
    for (const [raw, pattern] of cases) {
      const reply = await request(base, 'POST', '/api/messages', { raw, headers: { ...auth(), 'content-type': 'application/json' } });
      assert.equal(reply.status, 400, raw);
      assert.match(reply.body.error, pattern, raw);
    }
    assert.equal(await count(), before);
    const users = await request(base, 'POST', '/api/users', { body: { username: 'x', password: 'short' } });
    assert.equal(users.status, 400);
    const rooms = await request(base, 'POST', '/api/rooms', { body: { name: 7 }, headers: auth() });
    assert.equal(rooms.status, 400);
  });

  test('auth: missing, bad or wrong credentials and tokens', async () => {
    assert.equal((await request(base, 'POST', '/api/messages', { body: { room_id: roomId, text: 'hi' } })).status, 401);
    assert.equal((await request(base, 'POST', '/api/messages', { body: { room_id: roomId, text: 'hi' }, headers: { authorization: 'Bearer nope' } })).status, 401);
    assert.equal((await request(base, 'POST', '/api/messages', { body: { room_id: roomId, text: 'hi' }, headers: { authorization: `Basic ${token}` } })).status, 401);
    const wrong = await request(base, 'POST', '/api/sessions', { body: { username: 'carol', password: 'wrong' } });
    assert.equal(wrong.status, 401);
    assert.match(wrong.body.error, /invalid username or password/);
    assert.equal((await request(base, 'POST', '/api/sessions', { body: { username: 'nobody', password: 'whatever1' } })).status, 401);
    assert.equal((await request(base, 'POST', '/api/users', { body: { username: 'carol', password: 'another one' } })).status, 409);
  });

  test('unknown rooms, routes and methods', async () => {
    assert.equal((await request(base, 'POST', '/api/messages', { body: { room_id: 999, text: 'hi' }, headers: auth() })).status, 404);
    assert.equal((await request(base, 'GET', '/api/rooms/999/messages')).status, 404);
    assert.equal((await request(base, 'GET', '/api/rooms/abc/messages')).status, 400);
    assert.equal((await request(base, 'GET', `/api/rooms/${roomId}/messages?limit=0`)).status, 400);
    assert.equal((await request(base, 'GET', '/nope')).status, 404);
    assert.equal((await request(base, 'DELETE', '/api/rooms')).status, 405);
    assert.equal((await request(base, 'GET', '/healthz')).status, 200);
  });

  test('a body over 64 KiB is 413', async () => {
    const reply = await request(base, 'POST', '/api/messages', { body: { room_id: roomId, text: 'x'.repeat(70 * 1024) }, headers: auth() });
    assert.equal(reply.status, 413);
    assert.match(reply.body.error, /64 KiB/);
  });

  test('Ollama failing, dropping or too slow: the message is kept, the assistant says it is unavailable, the span records the error', async () => {
    for (const mode of ['fail', 'drop', 'slow']) {
      ollama.setMode(mode);
      const before = await count();
      const posted = await request(base, 'POST', '/api/messages', { body: { room_id: roomId, text: `@ai are you there (${mode})?` }, headers: auth() });
      assert.equal(posted.status, 201, mode);
      const page = (await request(base, 'GET', `/api/rooms/${roomId}/messages?limit=2`)).body;
      assert.equal(await count(), before + 2, mode);
      assert.equal(page[1].id, posted.body.id);
      assert.equal(page[0].username, 'assistant');
      assert.match(page[0].text, /assistant is unavailable/, mode);
    }
    ollama.setMode('ok');
  });

  test('WebSocket: bad token and unknown room are refused; bad frames get an error; oversize frames close with 1009', async () => {
    await assert.rejects(socketEvents(`${base.replace('http', 'ws')}/ws?room=${roomId}&token=bad`).opened, /HTTP 401/);
    await assert.rejects(socketEvents(`${base.replace('http', 'ws')}/ws?room=999&token=${token}`).opened, /HTTP 404/);
    const client = socketEvents(`${base.replace('http', 'ws')}/ws?room=${roomId}&token=${token}`);
    await client.opened;
    client.socket.send('not json');
    const problem = await client.next((e) => e.type === 'error');
    assert.match(problem.error, /malformed JSON/);
    client.socket.send(JSON.stringify({ type: 'message', text: 'x'.repeat(70 * 1024) }));
    assert.equal((await client.closed).code, 1009);
    assert.equal((await request(base, 'GET', '/healthz')).status, 200);
  });

  test('a WebSocket message continues the client trace (extract_trace_context)', async () => {
    const client = socketEvents(`${base.replace('http', 'ws')}/ws?room=${roomId}&token=${token}`);
    await client.opened;
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    client.socket.send(JSON.stringify({ type: 'message', text: 'over the socket',
      trace: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, tracestate: 'vendor=1' } }));
    const echoed = await client.next((e) => e.type === 'message' && e.message.text === 'over the socket');
    assert.equal(echoed.message.room_id, roomId);
    client.socket.close();
    await client.closed;
    await server.stop();
    const spans = spansFromOtlpJson(fs.readFileSync(env.TRACING_ENDPOINT, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
    const process = spans.find((s) => s.traceId === traceId && s.name === 'process room.{room_id}');
    assert.ok(process, 'the consumer span continues the client trace');
    assert.equal(process.kind, 'consumer');
    assert.equal(process.parentId, '00f067aa0ba902b7');
    assert.ok(spans.some((s) => s.traceId === traceId && s.parentId === process.spanId && s.name === 'database.query.messages'));
    const failed = spans.filter((s) => s.name === 'chat llama2' && s.error);
    assert.ok(failed.length >= 3, 'each failed Ollama call is an error span');
    assert.ok(failed.some((s) => s.attrs['error.type'] === 'timeout'), 'the slow call is a timeout');
    server = await startChat(bin, env);
    base = server.url;
  });

  test('a flood of connections beyond the limit gets 503s while others are served; idle ones do not block', async () => {
    const sockets = [];
    for (let i = 0; i < 60; i++) {
      sockets.push(await new Promise((resolve) => { const s = net.connect(server.port, '127.0.0.1', () => resolve(s)); s.on('error', () => {}); }));
    }
    const answers = await Promise.all(sockets.slice(45).map((s) => new Promise((resolve) => {
      let text = ''; s.on('data', (d) => { text += d; }); s.on('close', () => resolve(text));
    })));
    assert.ok(answers.every((a) => a.startsWith('HTTP/1.1 503')), 'connections over the limit are told so');
    for (const s of sockets) s.destroy();
    // The server notices the closed sockets and serves again.
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      status = await request(base, 'GET', '/healthz').then((r) => r.status, () => 0);
    }
    assert.equal(status, 200);
  });

  test('SIGTERM: the in-flight request finishes, WebSockets close with 1001, exit 0', async () => {
    ollama.setMode('slow');
    const listener = socketEvents(`${base.replace('http', 'ws')}/ws?room=${roomId}&token=${token}`);
    await listener.opened;
    const inflight = request(base, 'POST', '/api/messages', { body: { room_id: roomId, text: '@ai slow one' }, headers: auth() });
    await listener.next((e) => e.type === 'message' && e.message.text === '@ai slow one');
    server.child.kill('SIGTERM');
    const reply = await inflight;
    assert.equal(reply.status, 201);
    assert.equal((await listener.closed).code, 1001);
    assert.deepEqual(await server.exited, { code: 0, signal: null });
    server = undefined;
    ollama.setMode('ok');
  });
});
