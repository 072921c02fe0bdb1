// Interop: Parley's Zipkin exporter posts to a local receiver; every span
// must validate against the Zipkin v2 model schema, and the fields must be
// the ones the exporter was given.
import http from 'node:http';
import fs from 'node:fs';
import { execFile } from 'node:child_process';
import Ajv from 'ajv';
import zipkin from 'zipkin';

const cli = process.argv[2];
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(new URL('./zipkin2-span.schema.json', import.meta.url))));
let failures = 0;
function check(name, actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    failures++;
    console.error(`FAIL ${name}: got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`);
  } else console.log(`ok   ${name}`);
}

const bodies = [];
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => { bodies.push({ path: req.url, type: req.headers['content-type'], body: Buffer.concat(chunks).toString() });
                        res.writeHead(202); res.end(); });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/api/v2/spans`;
const out = await new Promise((resolve, reject) =>
  execFile(cli, ['zipkin', url], (e, stdout, stderr) => (e ? reject(new Error(stderr || e.message)) : resolve(stdout))));
server.close();
const ids = JSON.parse(out);
check('flushed', ids.flushed, true);
check('posted to /api/v2/spans as JSON', bodies.map((b) => [b.path, b.type]), [['/api/v2/spans', 'application/json']]);
const spans = JSON.parse(bodies[0].body);
check('valid against the Zipkin v2 schema', validate(spans) ? 'valid' : ajv.errorsText(validate.errors), 'valid');
const byName = Object.fromEntries(spans.map((s) => [s.name, s]));
const root = byName['post /api/messages'], child = byName['ollama.chat'], producer = byName['send room-7'];
check('ids and parents', [root.traceId, root.id, root.parentId, child.id, child.parentId, producer.parentId],
      [ids.traceId, ids.root, ids.remoteParent, ids.child, ids.root, ids.root]);
check('kinds', [root.kind, child.kind, producer.kind], ['SERVER', 'CLIENT', 'PRODUCER']);
check('server span continuing a remote parent is shared', [root.shared, child.shared], [true, undefined]);
check('localEndpoint from the resource', root.localEndpoint, { serviceName: 'interop-service' });
check('tags are strings', [root.tags['http.status_code'], root.tags['rag.enabled'], root.tags['chat.ids'], root.tags['chat.tags']],
      ['201', 'true', '[1,2]', '["a","b"]']);
check('error from status', [child.tags['otel.status_code'], child.tags.error], ['ERROR', 'model timeout']);
check('annotation from the event', child.annotations.map((a) => a.value), ['"first_token":{"tokens":"1"}']);
check('microsecond timestamps', [String(root.timestamp).length, root.duration >= 1], [16, true]);
// Read back by zipkin-js: every span rebuilt in zipkin-js's model and
// encoded again with its JSON_V2 encoder must give back the same span.
const { model, jsonEncoder, TraceId, option } = zipkin;
const endpoint = (e) => e && new model.Endpoint({ serviceName: e.serviceName, ipv4: e.ipv4, port: e.port });
for (const span of spans) {
  const rebuilt = new model.Span(new TraceId({
    traceId: span.traceId, spanId: span.id,
    parentId: span.parentId ? new option.Some(span.parentId) : option.None,
    debug: span.debug === true, shared: span.shared === true }));
  rebuilt.setName(span.name);
  if (span.kind) rebuilt.setKind(span.kind);
  rebuilt.setTimestamp(span.timestamp);
  rebuilt.setDuration(span.duration);
  rebuilt.setLocalEndpoint(endpoint(span.localEndpoint));
  if (span.remoteEndpoint) rebuilt.setRemoteEndpoint(endpoint(span.remoteEndpoint));
  for (const a of span.annotations ?? []) rebuilt.addAnnotation(a.timestamp, a.value);
  for (const [k, v] of Object.entries(span.tags ?? {})) rebuilt.putTag(k, v);
  const canonical = (v) => (Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object'
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v);
  const sorted = (o) => JSON.stringify(canonical(o));
  const again = JSON.parse(jsonEncoder.JSON_V2.encode(rebuilt));
  check(`zipkin-js reads back ${span.name}`, sorted(again), sorted(span));
}
console.log(failures === 0 ? 'zipkin interop: all fields agree' : `zipkin interop: ${failures} mismatches`);
process.exit(failures === 0 ? 0 : 1);
