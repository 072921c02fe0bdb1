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
const checkNamed = (...args) => check(...args);
function check(name, actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    failures++;
    console.error(`FAIL ${name}: got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`);
  } else console.log(`ok   ${name}`);
}
const hex = (buffer) => Buffer.from(buffer).toString('hex');
// thriftrw gives enums by name (TagType STRING, DOUBLE, BOOL, LONG).
const thriftLib = require('thrift');
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
  checkBatch('http', decoded.value, ids);
  await udp();
  console.log(failures === 0 ? 'jaeger interop: all fields agree' : `jaeger interop: ${failures} mismatches`);
  process.exit(failures === 0 ? 0 : 1);
})();

function checkBatch(label, batch, ids) {
  const check = (name, a, b) => checkNamed(`${label}: ${name}`, a, b);
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
}

// The agent's UDP datagrams (compact protocol emitBatch) read with Apache
// Thrift's TCompactProtocol; field names and types come from the official
// IDL as thriftrw parsed it, so the walk is driven by jaeger.thrift.
function readValue(protocol, type, spec) {
  const T = thriftLib.Thrift.Type;
  switch (type) {
    case T.BOOL: return protocol.readBool();
    case T.I32: return protocol.readI32();
    case T.DOUBLE: return protocol.readDouble();
    case T.I64: return Buffer.from(protocol.readI64().buffer);
    case T.STRING: return protocol.readString();
    case T.STRUCT: return readStruct(protocol, spec);
    case T.LIST: {
      const { etype, size } = protocol.readListBegin();
      const items = [];
      for (let i = 0; i < size; i++) items.push(readValue(protocol, etype, spec && spec.valueType));
      protocol.readListEnd();
      return items;
    }
    default: throw new Error(`unexpected thrift type ${type}`);
  }
}
function readStruct(protocol, spec) {
  const fields = spec && spec.fieldsById ? spec.fieldsById : {};
  const out = {};
  protocol.readStructBegin();
  for (;;) {
    const { ftype, fid } = protocol.readFieldBegin();
    if (ftype === thriftLib.Thrift.Type.STOP) break;
    const field = fields[fid];
    out[field ? field.name : `#${fid}`] = readValue(protocol, ftype, field && field.valueType);
    protocol.readFieldEnd();
  }
  protocol.readStructEnd();
  return out;
}
const enumNames = { vType: ['STRING', 'DOUBLE', 'BOOL', 'LONG', 'BINARY'], refType: ['CHILD_OF', 'FOLLOWS_FROM'] };
function namedEnums(value) {
  if (Array.isArray(value)) return value.map(namedEnums);
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, enumNames[k] ? enumNames[k][v] : namedEnums(v)]));
  }
  return value;
}
async function udp() {
  const dgram = require('node:dgram');
  const socket = dgram.createSocket('udp4');
  const datagrams = [];
  socket.on('message', (message) => datagrams.push(message));
  await new Promise((r) => socket.bind(0, '127.0.0.1', r));
  const out = await new Promise((resolve, reject) =>
    execFile(cli, ['jaeger', `udp://127.0.0.1:${socket.address().port}`], (e, stdout, stderr) =>
      (e ? reject(new Error(stderr || e.message)) : resolve(stdout))));
  await new Promise((r) => setTimeout(r, 100));
  socket.close();
  const ids = JSON.parse(out);
  checkNamed('udp: flushed', ids.flushed, true);
  checkNamed('udp: one datagram', datagrams.length, 1);
  if (datagrams.length !== 1) return;
  let transport;
  thriftLib.TBufferedTransport.receiver((t) => { transport = t; })(datagrams[0]);
  const protocol = new thriftLib.TCompactProtocol(transport);
  const message = protocol.readMessageBegin();
  checkNamed('udp: oneway emitBatch', [message.fname, message.mtype], ['emitBatch', thriftLib.Thrift.MessageType.ONEWAY]);
  const args = readStruct(protocol, { fieldsById: { 1: { name: 'batch', valueType: thrift.getType('Batch') } } });
  protocol.readMessageEnd();
  checkBatch('udp', namedEnums(args.batch), ids);
}
