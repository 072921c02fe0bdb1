// Interop: Parley's propagators against the OpenTelemetry JS ones.
// Each case goes both ways: OTel JS injects and Parley extracts; Parley
// injects and OTel JS extracts. Exit code 1 on any mismatch.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import * as api from '@opentelemetry/api';
import { W3CTraceContextPropagator, W3CBaggagePropagator, TraceState } from '@opentelemetry/core';
import { B3Propagator, B3InjectEncoding } from '@opentelemetry/propagator-b3';
import { JaegerPropagator } from '@opentelemetry/propagator-jaeger';

const cli = process.argv[2];
const child = spawn(cli, [], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
async function call(request) {
  child.stdin.write(JSON.stringify(request) + '\n');
  const { value } = await lines.next();
  return JSON.parse(value);
}

const propagators = {
  tracecontext: new W3CTraceContextPropagator(),
  baggage: new W3CBaggagePropagator(),
  b3: new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
  b3multi: new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
  jaeger: new JaegerPropagator(),
};

let failures = 0;
function check(name, actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    failures++;
    console.error(`FAIL ${name}: got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`);
  } else {
    console.log(`ok   ${name}`);
  }
}

const ids = [
  { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' },
  { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' },
  { traceId: '0000000000000000a3ce929d0e0e4736', spanId: '00000000000000f0' },
];
const getter = { keys: (c) => Object.keys(c), get: (c, k) => c[k] ?? c[Object.keys(c).find((x) => x.toLowerCase() === k.toLowerCase())] };
const setter = { set: (c, k, v) => { c[k] = v; } };

for (const format of ['tracecontext', 'b3', 'b3multi', 'jaeger']) {
  for (const { traceId, spanId } of ids) {
    for (const sampled of [true, false]) {
      const label = `${format} ${traceId.slice(0, 8)} sampled=${sampled}`;
      // OTel JS -> Parley
      const spanContext = { traceId, spanId, traceFlags: sampled ? 1 : 0, isRemote: false };
      if (format === 'tracecontext') spanContext.traceState = new TraceState('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');
      const carrier = {};
      propagators[format].inject(api.trace.setSpanContext(api.context.active(), spanContext), carrier, setter);
      const ours = await call({ op: 'extract', format, headers: carrier });
      check(`${label}: otel inject -> parley extract`, [ours.valid, ours.traceId, ours.spanId, ours.sampled],
            [true, traceId, spanId, sampled]);
      if (format === 'tracecontext') check(`${label}: tracestate`, ours.traceState, 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');
      // Parley -> OTel JS
      const injected = await call({ op: 'inject', format, traceId, spanId, sampled, debug: false,
                                   traceState: format === 'tracecontext' ? 'congo=t61rcWkgMzE' : '' });
      const extracted = api.trace.getSpanContext(propagators[format].extract(api.context.active(), injected.headers, getter));
      check(`${label}: parley inject -> otel extract`,
            extracted ? [extracted.traceId, extracted.spanId, (extracted.traceFlags & 1) === 1, extracted.isRemote] : null,
            [traceId, spanId, sampled, true]);
      if (format === 'tracecontext') check(`${label}: otel sees tracestate`, extracted?.traceState?.serialize(), 'congo=t61rcWkgMzE');
    }
  }
}

// W3C random flag (0x02) kept both ways.
{
  const carrier = {};
  propagators.tracecontext.inject(api.trace.setSpanContext(api.context.active(), { ...ids[0], traceFlags: 3 }), carrier, setter);
  const ours = await call({ op: 'extract', format: 'tracecontext', headers: carrier });
  check('tracecontext random flag: otel inject -> parley extract', ours.flags, 3);
  const injected = await call({ op: 'inject', format: 'tracecontext', ...ids[0], flags: 2 });
  const extracted = api.trace.getSpanContext(propagators.tracecontext.extract(api.context.active(), injected.headers, getter));
  check('tracecontext random flag: parley inject -> otel extract', extracted?.traceFlags, 2);
}

// Jaeger short ids, URL-encoded form and debug flag read by both.
{
  const headers = { 'uber-trace-id': 'a3ce929d0e0e4736:f067aa0ba902b7:0:3' };
  const ours = await call({ op: 'extract', format: 'jaeger', headers });
  const theirs = api.trace.getSpanContext(propagators.jaeger.extract(api.context.active(), headers, getter));
  check('jaeger short ids: parley and otel agree', [ours.traceId, ours.spanId, ours.sampled, ours.debug],
        [theirs?.traceId, theirs?.spanId, ((theirs?.traceFlags ?? 0) & 1) === 1, true]);
  const encoded = { 'uber-trace-id': `${ids[0].traceId}%3A${ids[0].spanId}%3A0%3A1` };
  const ours2 = await call({ op: 'extract', format: 'jaeger', headers: encoded });
  const theirs2 = api.trace.getSpanContext(propagators.jaeger.extract(api.context.active(), encoded, getter));
  check('jaeger url-encoded: parley and otel agree', [ours2.traceId, ours2.spanId], [theirs2?.traceId, theirs2?.spanId]);
  const injected = await call({ op: 'inject', format: 'jaeger', ...ids[0], sampled: true, debug: true });
  const back = api.trace.getSpanContext(propagators.jaeger.extract(api.context.active(), injected.headers, getter));
  check('jaeger debug: parley inject -> otel extract', [back?.traceId, (back?.traceFlags ?? 0) & 1], [ids[0].traceId, 1]);
}

// B3 single header with a parent and the decision-only deny, read by both.
{
  const headers = { b3: '80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90' };
  const ours = await call({ op: 'extract', format: 'b3', headers });
  const theirs = api.trace.getSpanContext(propagators.b3.extract(api.context.active(), headers, getter));
  check('b3 single with parent: parley and otel agree', [ours.traceId, ours.spanId, ours.sampled],
        [theirs?.traceId, theirs?.spanId, ((theirs?.traceFlags ?? 0) & 1) === 1]);
  const deny = await call({ op: 'extract', format: 'b3', headers: { b3: '0' } });
  const theirDeny = api.trace.getSpanContext(propagators.b3.extract(api.context.active(), { b3: '0' }, getter));
  check('b3 deny without ids: no span context on either side', [deny.valid, theirDeny ?? null], [false, null]);
}

// B3 debug and Jaeger debug both ways.
{
  const ours = await call({ op: 'extract', format: 'b3multi', headers: {
    'X-B3-TraceId': ids[0].traceId, 'X-B3-SpanId': ids[0].spanId, 'X-B3-Flags': '1' } });
  check('b3multi debug: parley extract', [ours.valid, ours.sampled, ours.debug], [true, true, true]);
  const injected = await call({ op: 'inject', format: 'b3', ...ids[0], sampled: true, debug: true });
  const extracted = api.trace.getSpanContext(propagators.b3.extract(api.context.active(), injected.headers, getter));
  check('b3 debug: parley inject -> otel extract', [extracted?.traceId, (extracted?.traceFlags ?? 0) & 1], [ids[0].traceId, 1]);
}

// Baggage (W3C and Jaeger uberctx-) both ways, with characters that need encoding.
const entries = { userId: 'Amélie', serverNode: 'DF 28', 'team': 'chat,ai;x=1' };
for (const format of ['baggage', 'jaeger']) {
  let baggage = api.propagation.createBaggage();
  for (const [k, v] of Object.entries(entries)) baggage = baggage.setEntry(k.toLowerCase(), { value: v });
  let context = api.propagation.setBaggage(api.context.active(), baggage);
  if (format === 'jaeger') context = api.trace.setSpanContext(context, { ...ids[0], traceFlags: 1 });
  const carrier = {};
  propagators[format].inject(context, carrier, setter);
  const ours = await call({ op: 'extract', format, headers: carrier });
  const want = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));
  check(`${format}: otel inject -> parley extract baggage`, Object.fromEntries(Object.entries(ours.baggage).sort()),
        Object.fromEntries(Object.entries(want).sort()));
  const injected = await call({ op: 'inject', format, ...ids[0], sampled: true, baggage: want });
  const theirs = api.propagation.getBaggage(propagators[format].extract(api.context.active(), injected.headers, getter));
  const got = Object.fromEntries((theirs?.getAllEntries() ?? []).map(([k, e]) => [k, e.value]).sort());
  check(`${format}: parley inject -> otel extract baggage`, got, Object.fromEntries(Object.entries(want).sort()));
}

child.stdin.end();
console.log(failures === 0 ? 'propagation interop: all cases agree' : `propagation interop: ${failures} mismatches`);
process.exit(failures === 0 ? 0 : 1);
