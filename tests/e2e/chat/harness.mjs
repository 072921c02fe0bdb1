// Test harness: start parley-chat on a free loopback port with a temporary
// database, talk to it over HTTP, and read back the traces it exported,
// whatever the provider, as one normalised span shape:
//   { traceId, spanId, parentId, name, kind, attrs: {key: string}, error }
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function tempDir() { return fs.mkdtempSync(path.join(os.tmpdir(), 'parley-chat-e2e-')); }

// Starts the server; resolves once it printed its listening line.
export function startChat(bin, env) {
  const child = spawn(path.join(bin, 'parley-chat'), [], {
    env: { PATH: process.env.PATH, PARLEY_HTTP_ADDR: '127.0.0.1:0', PARLEY_ADMIN_ADDR: '127.0.0.1:0', PARLEY_THREADS: '2', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match && !child.started) {
        child.started = true;
        resolve({
          url: `http://127.0.0.1:${match[1]}`,
          port: Number(match[1]),
          child,
          output: () => output,
          exited,
          async stop() { child.kill('SIGTERM'); return exited; },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code }) => { if (!child.started) reject(new Error(`parley-chat exited ${code}: ${output}`)); });
  });
}

// One HTTP request; resolves {status, headers, body (parsed when JSON), text}.
export function request(base, method, target, { body, headers = {}, raw } = {}) {
  const url = new URL(target, base);
  const payload = raw !== undefined ? raw : body !== undefined ? JSON.stringify(body) : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { connection: 'close', ...headers }, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed;
        try { parsed = JSON.parse(text); } catch { parsed = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, body: parsed, text });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

// A receiver for network exporters: records every POST body.
export async function startCollector() {
  const bodies = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push({ path: req.url, type: req.headers['content-type'], body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, bodies, close: () => new Promise((resolve) => server.close(resolve)) };
}

const otlpKinds = { 1: 'internal', 2: 'server', 3: 'client', 4: 'producer', 5: 'consumer' };
const otlpValue = (value) => {
  const [type, inner] = Object.entries(value)[0];
  if (type === 'arrayValue') return JSON.stringify((inner.values || []).map(otlpValue));
  return String(inner);
};
const b64hex = (id) => (/^[0-9a-f]+$/.test(id) ? id : Buffer.from(id, 'base64').toString('hex'));

export function spansFromOtlpJson(documents) {
  const spans = [];
  for (const document of documents) {
    for (const resource of document.resourceSpans || []) {
      for (const scope of resource.scopeSpans || []) {
        for (const span of scope.spans || []) {
          spans.push({
            traceId: b64hex(span.traceId), spanId: b64hex(span.spanId),
            parentId: span.parentSpanId ? b64hex(span.parentSpanId) : '',
            name: span.name, kind: otlpKinds[span.kind] || 'internal',
            attrs: Object.fromEntries((span.attributes || []).map((a) => [a.key, otlpValue(a.value)])),
            error: (span.status || {}).code === 2 || (span.status || {}).code === 'STATUS_CODE_ERROR',
            events: (span.events || []).map((e) => e.name),
          });
        }
      }
    }
  }
  return spans;
}

export function spansFromZipkin(bodies) {
  const spans = [];
  for (const body of bodies) {
    for (const span of JSON.parse(body.toString('utf8'))) {
      spans.push({
        traceId: span.traceId.padStart(32, '0'), spanId: span.id, parentId: span.parentId || '',
        name: span.name, kind: (span.kind || 'internal').toLowerCase(), attrs: span.tags || {},
        error: 'error' in (span.tags || {}), events: (span.annotations || []).map((a) => a.value),
      });
    }
  }
  return spans;
}

export function spansFromJaeger(bodies) {
  const { Thrift } = require('thriftrw');
  const idl = path.join(path.dirname(require.resolve('jaeger-client/package.json')),
                        'dist/src/jaeger-idl/thrift/jaeger.thrift');
  const thrift = new Thrift({ entryPoint: idl, allowOptionalArguments: true, allowFilesystemAccess: true });
  const hex = (buffer) => Buffer.from(buffer).toString('hex');
  const tagValue = (t) => ({ STRING: t.vStr, DOUBLE: t.vDouble, BOOL: t.vBool,
                             LONG: t.vLong && Buffer.from(t.vLong).readBigInt64BE() })[t.vType];
  const spans = [];
  for (const body of bodies) {
    const decoded = thrift.Batch.rw.readFrom(body, 0);
    if (decoded.err) throw decoded.err;
    for (const span of decoded.value.spans) {
      const attrs = Object.fromEntries((span.tags || []).map((t) => [t.key, String(tagValue(t))]));
      const parent = hex(span.parentSpanId);
      spans.push({
        traceId: hex(span.traceIdHigh) + hex(span.traceIdLow), spanId: hex(span.spanId),
        parentId: /^0+$/.test(parent) ? '' : parent, name: span.operationName,
        kind: attrs['span.kind'] || 'internal', attrs, error: attrs.error === 'true',
        events: (span.logs || []).map((l) => Object.fromEntries(l.fields.map((f) => [f.key, tagValue(f)])).event),
      });
    }
  }
  return spans;
}
