// parley-chat end to end: the real binary on loopback with a temporary
// database, REST and WebSocket clients, a fake Ollama that speaks the real
// streaming API, and the exported trace of POST /api/messages with @ai read
// back for each provider in turn.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { startFakeOllama } from './fake_ollama.mjs';
import { request, spansFromJaeger, spansFromOtlpJson, spansFromZipkin, startChat, startCollector, tempDir } from './harness.mjs';

const bin = process.env.PARLEY_BIN;
const remoteParent = 'b7ad6b7169203331';
const newTraceId = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

// Opens a WebSocket and queues every event it receives.
function openSocket(base, room, token) {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/ws?room=${room}&token=${token}`);
  const events = [];
  const waiters = [];
  socket.on('message', (data) => {
    events.push(JSON.parse(data.toString()));
    for (const waiter of waiters.splice(0)) waiter();
  });
  const closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return {
    socket, events, closed,
    opened: new Promise((resolve, reject) => { socket.on('open', resolve); socket.on('error', reject); }),
    // Resolves with the first event matching `predicate` (already received or later).
    async next(predicate) {
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        await new Promise((resolve, reject) => {
          waiters.push(resolve);
          closed.then(() => reject(new Error('socket closed while waiting')));
        });
      }
    },
  };
}

async function signup(base, username) {
  const created = await request(base, 'POST', '/api/users', { body: { username, password: 'correct horse' } });
  assert.equal(created.status, 201, created.text);
  const session = await request(base, 'POST', '/api/sessions', { body: { username, password: 'correct horse' } });
  assert.equal(session.status, 200, session.text);
  return { id: created.body.id, token: session.body.token };
}

// Drives the seed's scenario and returns what the trace must show.
async function scenario(base) {
  const alice = await signup(base, 'alice');
  const bob = await signup(base, 'bob');
  const room = await request(base, 'POST', '/api/rooms', { body: { name: 'ops' }, headers: { authorization: `Bearer ${alice.token}` } });
  assert.equal(room.status, 201, room.text);
  const roomId = room.body.id;
  const auth = { authorization: `Bearer ${alice.token}` };
  const earlier = await request(base, 'POST', '/api/messages', { body: { room_id: roomId, text: 'the deploy pipeline fails on staging' }, headers: auth });
  assert.equal(earlier.status, 201, earlier.text);
  const listener = openSocket(base, roomId, bob.token);
  await listener.opened;
  const traceId = newTraceId();
  const posted = await request(base, 'POST', '/api/messages', {
    body: { room_id: roomId, text: '@ai why does the deploy pipeline fail?', type: 'text' },
    headers: { ...auth, traceparent: `00-${traceId}-${remoteParent}-01` },
  });
  assert.equal(posted.status, 201, posted.text);
  assert.equal(posted.body.room_id, roomId);
  assert.equal(posted.body.user_id, alice.id);
  assert.equal(posted.body.type, 'text');
  const own = await listener.next((e) => e.type === 'message' && e.message.id === posted.body.id);
  assert.equal(own.message.text, '@ai why does the deploy pipeline fail?');
  const reply = await listener.next((e) => e.type === 'message' && e.message.username === 'assistant');
  listener.socket.close();
  await listener.closed;
  return { traceId, roomId, alice, reply: reply.message, message: posted.body };
}

// The seed's tree: HTTP handler -> AI processing (retrieval, Ollama request,
// result processing), database insert, WebSocket broadcast.
function checkTree(spans, { traceId, roomId, alice }, ollama, { lowercase = false } = {}) {
  const name = (text) => (lowercase ? text.toLowerCase() : text);
  const trace = spans.filter((s) => s.traceId === traceId);
  const children = (span) => trace.filter((s) => s.parentId === span.spanId);
  const only = (list, wanted) => {
    const found = list.filter((s) => s.name === name(wanted));
    assert.ok(found.length >= 1, `no span ${wanted} among ${list.map((s) => s.name)}`);
    return found[0];
  };
  const root = only(trace.filter((s) => s.parentId === remoteParent), 'POST /api/messages');
  assert.equal(root.kind, 'server');
  for (const [key, value] of Object.entries({
    'http.method': 'POST', 'http.request.method': 'POST', 'http.status_code': '201', 'http.response.status_code': '201',
    'http.route': '/api/messages', 'url.path': '/api/messages', 'user.id': String(alice.id), 'chat.room_id': String(roomId),
    'chat.message_type': 'text', 'service.name': 'chat-system',
  })) assert.equal(root.attrs[key], value, `root ${key}`);
  assert.match(root.attrs['http.url'], /\/api\/messages$/);
  const top = children(root);
  const names = top.map((s) => s.name);
  for (const wanted of ['database.query.sessions', 'database.query.rooms', 'database.query.messages', 'send room.{room_id}', 'ai.process']) {
    assert.ok(names.includes(name(wanted)), `POST /api/messages has no child ${wanted}: ${names}`);
  }
  const inserts = top.filter((s) => s.name === name('database.query.messages'));
  assert.equal(inserts.length, 2, 'the user message and the answer are inserted');
  for (const insert of inserts) {
    assert.equal(insert.kind, 'client');
    for (const [key, value] of Object.entries({ 'db.system': 'sqlite', 'db.system.name': 'sqlite', 'db.operation': 'INSERT',
      'db.operation.name': 'INSERT', 'db.sql.table': 'messages', 'db.collection.name': 'messages' })) assert.equal(insert.attrs[key], value, key);
  }
  const broadcasts = top.filter((s) => s.name === name('send room.{room_id}'));
  assert.equal(broadcasts.length, 2);
  for (const broadcast of broadcasts) {
    assert.equal(broadcast.kind, 'producer');
    assert.equal(broadcast.attrs['chat.recipients'], '1');
    assert.equal(broadcast.attrs['messaging.system'], 'parley');
    assert.equal(broadcast.attrs['messaging.destination.name'], `room.${roomId}`);
  }
  const ai = only(top, 'ai.process');
  assert.equal(ai.kind, 'internal');
  assert.equal(ai.attrs['ai.model'], 'llama2');
  assert.equal(ai.attrs['rag.enabled'], 'true');
  assert.equal(ai.error, false);
  const steps = children(ai);
  const retrieve = only(steps, 'rag.retrieve');
  assert.equal(retrieve.attrs['rag.enabled'], 'true');
  assert.ok(Number(retrieve.attrs['rag.documents']) >= 1, 'the earlier message is retrieved');
  only(children(retrieve), 'database.query.messages_fts');
  const call = only(steps, 'chat llama2');
  assert.equal(call.kind, 'client');
  for (const [key, value] of Object.entries({ 'ai.model': 'llama2', 'peer.service': 'ollama', 'server.address': '127.0.0.1',
    'server.port': String(ollama.port), 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'ollama',
    'gen_ai.request.model': 'llama2', 'http.status_code': '200', 'gen_ai.usage.output_tokens': '4' })) {
    assert.equal(call.attrs[key], value, `ollama span ${key}`);
  }
  only(steps, 'ai.process_result');
  // The Ollama request carried this trace, with the CLIENT span as parent.
  const sent = ollama.state.requests.at(-1);
  assert.equal(sent.headers.traceparent, `00-${traceId}-${call.spanId}-01`);
  return { root, call };
}

describe('parley-chat', { concurrency: false }, () => {
  let ollama;
  before(async () => { assert.ok(bin, 'PARLEY_BIN must name the build bin directory'); ollama = await startFakeOllama(); });
  after(async () => { await ollama.close(); });

  test('REST, WebSocket broadcast, @ai with RAG, file export, persistence across a restart', async () => {
    const dir = tempDir();
    const env = { PARLEY_DB: path.join(dir, 'chat.db'), OLLAMA_URL: ollama.url, TRACING_ENABLED: 'true',
                  TRACING_PROVIDER: 'file', TRACING_ENDPOINT: path.join(dir, 'traces.jsonl'), TRACING_SAMPLE_RATE: '1.0' };
    const server = await startChat(bin, env);
    const facts = await scenario(server.url);
    assert.equal(facts.reply.text, 'Hello from the fake llama.');
    assert.equal(facts.reply.type, 'ai');
    const prompt = ollama.state.requests.at(-1).body;
    assert.equal(prompt.model, 'llama2');
    assert.equal(prompt.stream, true);
    assert.match(prompt.messages[0].content, /the deploy pipeline fails on staging/, 'retrieved context in the prompt');
    assert.match(server.output(), /trace_id=[0-9a-f]{32} span_id=[0-9a-f]{16} POST \/api\/messages 201/);
    assert.ok(server.output().includes(`trace_id=${facts.traceId}`), 'the request log line carries the trace id');
    assert.deepEqual(await server.stop(), { code: 0, signal: null });
    const lines = fs.readFileSync(env.TRACING_ENDPOINT, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    checkTree(spansFromOtlpJson(lines), facts, ollama);

    const again = await startChat(bin, env);
    const page = await request(again.url, 'GET', `/api/rooms/${facts.roomId}/messages?limit=2`);
    assert.equal(page.status, 200);
    assert.deepEqual(page.body.map((m) => m.text), ['Hello from the fake llama.', '@ai why does the deploy pipeline fail?']);
    const older = await request(again.url, 'GET', `/api/rooms/${facts.roomId}/messages?before=${page.body[1].id}`);
    assert.deepEqual(older.body.map((m) => m.text), ['the deploy pipeline fails on staging']);
    const login = await request(again.url, 'POST', '/api/sessions', { body: { username: 'alice', password: 'correct horse' } });
    assert.equal(login.status, 200);
    const stale = await request(again.url, 'POST', '/api/rooms', { body: { name: 'x' }, headers: { authorization: `Bearer ${facts.alice.token}` } });
    assert.equal(stale.status, 201, 'tokens survive a restart until they expire');
    assert.deepEqual(await again.stop(), { code: 0, signal: null });
  });

  for (const provider of ['otlp', 'zipkin', 'jaeger']) {
    test(`the POST /api/messages @ai trace exported through ${provider}`, async () => {
      const collector = await startCollector();
      const dir = tempDir();
      const paths = { otlp: '/v1/traces', zipkin: '/api/v2/spans', jaeger: '/api/traces' };
      const env = { PARLEY_DB: path.join(dir, 'chat.db'), OLLAMA_URL: ollama.url, TRACING_ENABLED: 'true',
                    TRACING_PROVIDER: provider, TRACING_SAMPLE_RATE: '1.0',
                    TRACING_ENDPOINT: `http://127.0.0.1:${collector.port}${paths[provider]}`, TRACING_OTLP_PROTOCOL: 'http/json' };
      const server = await startChat(bin, env);
      const facts = await scenario(server.url);
      assert.deepEqual(await server.stop(), { code: 0, signal: null });
      await collector.close();
      assert.ok(collector.bodies.length > 0, 'the exporter posted');
      const bodies = collector.bodies.map((b) => b.body);
      const spans = provider === 'otlp' ? spansFromOtlpJson(bodies.map((b) => JSON.parse(b.toString('utf8'))))
        : provider === 'zipkin' ? spansFromZipkin(bodies) : spansFromJaeger(bodies);
      checkTree(spans, facts, ollama, { lowercase: provider === 'zipkin' });
    });
  }
});
