// Interop: Parley's Jaeger exporter posts Thrift to a local collector
// endpoint; the body is decoded by thriftrw with the official jaeger.thrift
// IDL (shipped inside jaeger-client) and compared field by field.
const http = require('node:http');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { Thrift } = require('thriftrw');

const idl = path.join(path.dirname(require.resolve('jaeger-client/package.json')), 'dist/src/jaeger-idl/thrift/jaeger.thrift');
const thrift = new Thrift({ entryPoint: idl, allowOptionalArguments: true, allowFilesystemAccess: true });
const cli = process.argv[2];
let failures = 0;
function check(name, actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    failures++;
    console.error(`FAIL ${name}: got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`);
  } else console.log(`ok   ${name}`);
}
const hex = (buffer) => Buffer.from(buffer).toString('hex');
// thriftrw gives enums by name (TagType STRING, DOUBLE, BOOL, LONG).
const tagValue = (t) => ({ STRING: t.vStr, DOUBLE: t.vDouble, BOOL: t.vBool,
                           LONG: t.vLong && Number(Buffer.from(t.vLong).readBigInt64BE()) })[t.vType];
const tags = (list) => Object.fromEntries((list || []).map((t) => [t.key, tagValue(t)]));

(async () => {
  const bodies = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => { bodies.push({ path: req.url, type: req.headers['content-type'], body: Buffer.concat(chunks) });
                          res.writeHead(202); res.end(); });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/api/traces`;
  const out = await new Promise((resolve, reject) =>
    execFile(cli, ['jaeger', url], (e, stdout, stderr) => (e ? reject(new Error(stderr || e.message)) : resolve(stdout))));
  server.close();
  const ids = JSON.parse(out);
  check('flushed', ids.flushed, true);
  check('posted to /api/traces as Thrift', bodies.map((b) => [b.path, b.type]), [['/api/traces', 'application/x-thrift']]);
  const decoded = thrift.Batch.rw.readFrom(bodies[0].body, 0);
  check('decodes as a whole Batch', [decoded.err && String(decoded.err), decoded.offset], [null, bodies[0].body.length]);
  const batch = decoded.value;
  check('process', [batch.process.serviceName, tags(batch.process.tags)['telemetry.sdk.name']], ['interop-service', 'parley']);
  const byName = Object.fromEntries(batch.spans.map((s) => [s.operationName, s]));
  const root = byName['POST /api/messages'], child = byName['ollama.chat'], producer = byName['send room-7'];
  check('trace id split high/low', hex(root.traceIdHigh) + hex(root.traceIdLow), ids.traceId);
  check('span ids and parents', [hex(root.spanId), hex(root.parentSpanId), hex(child.spanId), hex(child.parentSpanId)],
        [ids.root, ids.remoteParent, ids.child, ids.root]);
  check('flags', [root.flags, child.flags], [1, 1]);
  check('typed tags', (({ 'span.kind': k, 'http.method': m, 'http.status_code': s, 'rag.enabled': r, 'ai.temperature': t }) =>
        [k, m, s, r, t])(tags(root.tags)), ['server', 'POST', 201, true, 0.5]);
  check('status as tags', (({ 'otel.status_code': c, 'otel.status_description': d, error }) => [c, d, error])(tags(child.tags)),
        ['ERROR', 'model timeout', true]);
  check('log from the event', child.logs.map((l) => tags(l.fields)), [{ event: 'first_token', tokens: 1 }]);
  check('link as FOLLOWS_FROM', producer.references.map((r) => [r.refType, hex(r.traceIdHigh) + hex(r.traceIdLow), hex(r.spanId)]),
        [['FOLLOWS_FROM', '0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331']]);
  check('microsecond times', [String(Number(Buffer.from(root.startTime).readBigInt64BE())).length], [16]);
  console.log(failures === 0 ? 'jaeger interop: all fields agree' : `jaeger interop: ${failures} mismatches`);
  process.exit(failures === 0 ? 0 : 1);
})();
