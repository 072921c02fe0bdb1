// Interop: Parley's OTLP/HTTP exports (protobuf and JSON) received by a
// server built on the official opentelemetry-proto files (shipped inside
// @opentelemetry/otlp-grpc-exporter-base 0.38.0) and decoded by protobufjs;
// the decoded trace is compared field by field with what the exporter made.
import http from 'node:http';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import protobuf from 'protobufjs';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const require = createRequire(import.meta.url);
const protoRoot = path.join(path.dirname(require.resolve('@opentelemetry/otlp-grpc-exporter-base/package.json')),
                            'build', 'protos');
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => path.join(protoRoot, target);
root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto', { keepCase: false });
const Request = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');

const cli = process.argv[2];
let failures = 0;
function check(name, actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    failures++;
    console.error(`FAIL ${name}: got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`);
  } else {
    console.log(`ok   ${name}`);
  }
}

// Every key of an OTLP JSON object must be a field (JSON name) of its type.
// Span.flags and Span.Link.flags came in OTLP 1.1, after the v0.18 protos
// these packages ship; receivers must ignore unknown fields, so they pass.
const newerFields = { Span: ['flags'], Link: ['flags'] };
function conforms(type, value, where) {
  for (const [key, child] of Object.entries(value)) {
    const field = Object.values(type.fields).find((f) => f.name === key);
    if (!field && (newerFields[type.name] ?? []).includes(key)) continue;
    if (!field) { failures++; console.error(`FAIL ${where}.${key} is not a field of ${type.name}`); continue; }
    const fieldType = field.resolve().resolvedType;
    if (fieldType instanceof protobuf.Type) {
      for (const item of field.repeated ? child : [child]) conforms(fieldType, item, `${where}.${key}`);
    }
  }
}

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const anyValue = (v) => v.stringValue ?? v.boolValue ?? (v.intValue !== undefined && v.intValue !== null ? Number(v.intValue) : undefined)
  ?? v.doubleValue ?? (v.arrayValue ? v.arrayValue.values.map(anyValue) : undefined);
const attrs = (list) => Object.fromEntries((list ?? []).map((kv) => [kv.key, anyValue(kv.value)]));

function spansOf(request, idOf) {
  const rs = request.resourceSpans[0];
  const spans = rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => ({ ...s, scope: ss.scope })));
  return { resource: attrs(rs.resource.attributes), spans: Object.fromEntries(spans.map((s) => [s.name, { ...s, id: idOf(s.spanId),
    parent: s.parentSpanId && idOf(s.parentSpanId), trace: idOf(s.traceId) }])) };
}

function compare(label, decoded, ids) {
  const { resource, spans } = decoded;
  check(`${label}: resource service.name`, resource['service.name'], 'interop-service');
  check(`${label}: telemetry.sdk.name`, resource['telemetry.sdk.name'], 'parley');
  const rootSpan = spans['POST /api/messages'];
  const child = spans['ollama.chat'];
  const producer = spans['send room-7'];
  check(`${label}: three spans`, [!!rootSpan, !!child, !!producer], [true, true, true]);
  if (!rootSpan || !child || !producer) return;
  check(`${label}: ids`, [rootSpan.trace, rootSpan.id, rootSpan.parent, child.id, child.parent, producer.id, producer.parent],
        [ids.traceId, ids.root, ids.remoteParent, ids.child, ids.root, ids.producer, ids.root]);
  check(`${label}: kinds`, [rootSpan.kind, child.kind, producer.kind].map(Number), [2, 3, 4]);
  check(`${label}: scope`, [rootSpan.scope.name, rootSpan.scope.version], ['interop.scope', '9.9.9']);
  check(`${label}: attributes of every type`, attrs(rootSpan.attributes), {
    'http.method': 'POST', 'http.status_code': 201, 'rag.enabled': true, 'ai.temperature': 0.5,
    'chat.tags': ['a', 'b'], 'chat.ids': [1, 2] });
  check(`${label}: event`, child.events.map((e) => [e.name, attrs(e.attributes)]), [['first_token', { tokens: 1 }]]);
  check(`${label}: status`, [Number(child.status.code), child.status.message], [2, 'model timeout']);
  check(`${label}: link`, producer.links.map((l) => [typeof l.traceId === 'string' ? l.traceId.toLowerCase() : hex(l.traceId),
    typeof l.spanId === 'string' ? l.spanId.toLowerCase() : hex(l.spanId)]), [['0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331']]);
  const start = BigInt(rootSpan.startTimeUnixNano.toString()), end = BigInt(rootSpan.endTimeUnixNano.toString());
  const now = BigInt(Date.now()) * 1000000n;
  check(`${label}: timestamps`, [start <= end, now - start < 60_000_000_000n], [true, true]);
}

async function run(protocol) {
  const bodies = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      bodies.push({ type: req.headers['content-type'], path: req.url, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': req.headers['content-type'] });
      res.end(protocol === 'http/json' ? '{}' : '');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/v1/traces`;
  const out = await new Promise((resolve, reject) =>
    execFile(cli, ['otlp', url, protocol], (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout))));
  server.close();
  const ids = JSON.parse(out);
  check(`${protocol}: flushed`, ids.flushed, true);
  check(`${protocol}: one request to /v1/traces`, bodies.map((b) => b.path), ['/v1/traces']);
  const body = bodies[0];
  if (protocol === 'http/protobuf') {
    check(`${protocol}: content type`, body.type, 'application/x-protobuf');
    const request = Request.decode(body.body);
    compare(protocol, spansOf(Request.toObject(request, { longs: String }), hex), ids);
  } else {
    check(`${protocol}: content type`, body.type, 'application/json');
    const json = JSON.parse(body.body.toString());
    conforms(Request, json, 'ExportTraceServiceRequest');
    compare(protocol, spansOf(json, (id) => id.toLowerCase()), ids);
  }
}

// OTLP/gRPC: a TraceService server from the official service definition.
async function runGrpc() {
  const definition = protoLoader.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto',
                                          { includeDirs: [protoRoot], longs: String });
  const service = grpc.loadPackageDefinition(definition).opentelemetry.proto.collector.trace.v1.TraceService.service;
  const received = [];
  const server = new grpc.Server();
  server.addService(service, { Export: (call, callback) => { received.push(call.request); callback(null, {}); } });
  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  const out = await new Promise((resolve, reject) =>
    execFile(cli, ['otlp', `http://127.0.0.1:${port}`, 'grpc'], (error, stdout, stderr) =>
      (error ? reject(new Error(stderr || error.message)) : resolve(stdout))));
  server.forceShutdown();
  const ids = JSON.parse(out);
  check('grpc: flushed', ids.flushed, true);
  check('grpc: one Export call', received.length, 1);
  if (received.length === 1) compare('grpc', spansOf(received[0], hex), ids);
}

await runGrpc();
await run('http/protobuf');
await run('http/json');
console.log(failures === 0 ? 'exporter interop: all fields agree' : `exporter interop: ${failures} mismatches`);
process.exit(failures === 0 ? 0 : 1);
