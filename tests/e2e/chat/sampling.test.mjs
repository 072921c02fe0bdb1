// Conditional sampling end to end: with TRACING_SAMPLE_RATE=0 the server
// still exports the whole trace of a request that failed somewhere inside
// (Ollama answering 500) and of one slower than TRACING_SLOW_THRESHOLD_MS
// (Ollama answering, but late), and nothing of the rest.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startFakeOllama } from './fake_ollama.mjs';
import { request, spansFromOtlpJson, startChat, tempDir } from './harness.mjs';

const bin = process.env.PARLEY_BIN;

function traceparent() {
  const hex = (bytes) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const traceId = hex(16);
  // Sampled flag 0: the caller did not keep it, so only this process's rules decide.
  return { traceId, header: `00-${traceId}-${hex(8)}-00` };
}

describe('conditional sampling', { concurrency: false }, () => {
  let ollama;
  before(async () => { assert.ok(bin, 'PARLEY_BIN must name the build bin directory'); ollama = await startFakeOllama(); });
  after(async () => { await ollama.close(); });

  test('at rate 0, failed and slow requests are exported whole; plain ones are not', async () => {
    const dir = tempDir();
    const traces = path.join(dir, 'traces.jsonl');
    const server = await startChat(bin, {
      PARLEY_DB: path.join(dir, 'chat.db'), OLLAMA_URL: ollama.url, OLLAMA_TIMEOUT_MS: '5000',
      TRACING_ENABLED: 'true', TRACING_PROVIDER: 'file', TRACING_ENDPOINT: traces, TRACING_SAMPLE_RATE: '0.0',
      TRACING_SLOW_THRESHOLD_MS: '300', TRACING_SAMPLE_ERRORS: 'true',
    });
    const base = server.url;
    await request(base, 'POST', '/api/users', { body: { username: 'dana', password: 'long enough' } });
    const token = (await request(base, 'POST', '/api/sessions', { body: { username: 'dana', password: 'long enough' } })).body.token;
    const auth = { authorization: `Bearer ${token}` };
    const roomId = (await request(base, 'POST', '/api/rooms', { body: { name: 'sampling' }, headers: auth })).body.id;
    const post = async (text) => {
      const parent = traceparent();
      const reply = await request(base, 'POST', '/api/messages',
        { body: { room_id: roomId, text }, headers: { ...auth, traceparent: parent.header } });
      assert.equal(reply.status, 201);
      return parent.traceId;
    };
    const plain = await post('just chatting');
    ollama.setMode('fail');
    const failed = await post('@ai are you there?');
    ollama.setMode('late');  // answers after 500 ms: slow, not failed
    const slow = await post('@ai take your time');
    ollama.setMode('ok');
    const fine = await post('@ai quick one');
    await server.stop();

    const spans = spansFromOtlpJson(fs.readFileSync(traces, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)));
    const of = (traceId) => spans.filter((span) => span.traceId === traceId);
    assert.equal(of(plain).length, 0, 'a plain, fast request is not kept at rate 0');
    assert.equal(of(fine).length, 0, 'an @ai request that answered fast is not kept');
    for (const [traceId, what] of [[failed, 'failed'], [slow, 'slow']]) {
      const names = of(traceId).map((span) => span.name);
      assert.ok(names.includes('POST /api/messages'), `${what}: server span kept (${names})`);
      assert.ok(names.some((name) => name.startsWith('database.query.')), `${what}: database spans kept`);
      assert.ok(names.includes('ai.process'), `${what}: the AI step kept`);
      assert.ok(names.includes('rag.retrieve'), `${what}: retrieval kept`);
    }
    assert.ok(of(failed).some((span) => span.error), 'the failure is recorded');
    assert.ok(!of(slow).some((span) => span.error), 'the slow trace was kept for its duration, not an error');
  });
});
