// Static checks of the backend setups in deploy/ (see deploy/README.md).
//
// Needs node 20 only: no Docker, no npm packages. The YAML files are read by
// a small reader for the block-style subset these files use (maps, lists,
// [flow, lists], quoted and plain scalars); anything outside that subset is
// reported as an error rather than guessed at. Every problem found is
// printed as "FAIL <file>: <what>"; the exit status is 1 when there is one.
//
//   node tests/deploy/check.mjs        (from the repository root, or anywhere)

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const deploy = join(root, 'deploy');

// ---------------------------------------------------------------- reporting

const failures = [];
let passed = 0;

function check(condition, file, message) {
  if (condition) passed += 1;
  else failures.push(`${relative(root, file)}: ${message}`);
  return Boolean(condition);
}

// ------------------------------------------------------- YAML subset reader

class YamlError extends Error {}

// Drops a comment: '#' at the start or after whitespace, outside quotes.
function stripComment(text) {
  let quote = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote) {
      if (quote === '"' && c === '\\') i += 1;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i += 1;
        else quote = null;
      }
      continue;
    }
    const before = text.slice(0, i).trimEnd();
    if ((c === '"' || c === "'") && (before === '' || /[:\-[,{]$/.test(before))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
}

function parseScalar(text, where) {
  const t = text.trim();
  if (t.startsWith('"')) {
    if (!t.endsWith('"') || t.length < 2) throw new YamlError(`${where}: unterminated "string"`);
    try {
      return JSON.parse(t);
    } catch {
      throw new YamlError(`${where}: unsupported escape in ${t}`);
    }
  }
  if (t.startsWith("'")) {
    if (!t.endsWith("'") || t.length < 2) throw new YamlError(`${where}: unterminated 'string'`);
    return t.slice(1, -1).replaceAll("''", "'");
  }
  if (t.startsWith('[')) {
    if (!t.endsWith(']')) throw new YamlError(`${where}: flow list must close on its line`);
    return splitFlow(t.slice(1, -1), where).map((item) => parseScalar(item, where));
  }
  if (/^[{|>&*!%@`]/.test(t)) throw new YamlError(`${where}: unsupported YAML construct ${t}`);
  if (t === '' || t === '~' || t === 'null') return null;
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (/^[-+]?(\d+|\d*\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  return t;
}

function splitFlow(body, where) {
  const items = [];
  let current = '';
  let quote = null;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (quote) {
      current += c;
      if (quote === '"' && c === '\\') current += body[++i] ?? '';
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === '[' || c === '{') {
      throw new YamlError(`${where}: nested flow collections are not supported`);
    } else if (c === ',') {
      items.push(current);
      current = '';
    } else current += c;
  }
  if (quote) throw new YamlError(`${where}: unterminated string in flow list`);
  if (current.trim() !== '' || items.length > 0) items.push(current);
  return items.map((item) => item.trim()).filter((item, i, all) => item !== '' || i < all.length - 1);
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#\-[{][^]*?|-[^\s][^]*?)\s*:(?:\s+([^]*))?$/;

function parseYaml(text, file) {
  const lines = [];
  text.split('\n').forEach((raw, index) => {
    const where = `${relative(root, file)}:${index + 1}`;
    if (/\t/.test(raw.match(/^\s*/)[0])) throw new YamlError(`${where}: tab in indentation`);
    const content = stripComment(raw);
    if (content.trim() === '') return;
    if (/^(---|\.\.\.)\s*$/.test(content)) throw new YamlError(`${where}: one document per file expected`);
    const indent = content.match(/^ */)[0].length;
    lines.push({ indent, text: content.slice(indent), where });
  });
  let pos = 0;

  const isItem = (line) => line.text === '-' || line.text.startsWith('- ');

  function parseBlock(indent) {
    const line = lines[pos];
    return isItem(line) ? parseSequence(indent) : parseMapping(indent);
  }

  function valueAfterKey(indent, rest, where) {
    if (rest !== undefined && rest.trim() !== '') return parseScalar(rest, where);
    const next = lines[pos];
    if (!next) return null;
    if (next.indent > indent) return parseBlock(next.indent);
    if (next.indent === indent && isItem(next)) return parseSequence(indent);
    return null;
  }

  function parseMapping(indent) {
    const map = {};
    while (pos < lines.length && lines[pos].indent === indent && !isItem(lines[pos])) {
      const { text: t, where } = lines[pos];
      const m = t.match(KEY);
      if (!m) throw new YamlError(`${where}: expected "key: value", got ${t}`);
      const key = String(parseScalar(m[1], where));
      if (Object.hasOwn(map, key)) throw new YamlError(`${where}: duplicate key ${key}`);
      pos += 1;
      map[key] = valueAfterKey(indent, m[2], where);
    }
    if (pos < lines.length && lines[pos].indent > indent) {
      throw new YamlError(`${lines[pos].where}: unexpected indentation`);
    }
    return map;
  }

  function parseSequence(indent) {
    const list = [];
    while (pos < lines.length && lines[pos].indent === indent && isItem(lines[pos])) {
      const line = lines[pos];
      const item = line.text === '-' ? '' : line.text.slice(2);
      const itemText = item.trimStart();
      if (itemText === '') {
        pos += 1;
        const next = lines[pos];
        list.push(next && next.indent > indent ? parseBlock(next.indent) : null);
      } else if (KEY.test(itemText)) {
        // "- key: value": a mapping whose keys line up with this first key.
        const column = indent + 2 + (item.length - itemText.length);
        lines[pos] = { indent: column, text: itemText, where: line.where };
        list.push(parseMapping(column));
      } else {
        pos += 1;
        list.push(parseScalar(itemText, line.where));
      }
    }
    return list;
  }

  if (lines.length === 0) return null;
  const value = parseBlock(lines[0].indent);
  if (pos < lines.length) throw new YamlError(`${lines[pos].where}: unexpected content ${lines[pos].text}`);
  return value;
}

function loadYaml(file) {
  if (!check(existsSync(file), file, 'missing')) return null;
  try {
    return parseYaml(readFileSync(file, 'utf8'), file);
  } catch (error) {
    if (!(error instanceof YamlError)) throw error;
    check(false, file, error.message);
    return null;
  }
}

// ----------------------------------------------------------------- compose

// "8080:80", "127.0.0.1:8080:80", "6831:6831/udp", or the long form.
function publishedPorts(service) {
  return (service.ports ?? []).map((entry) => {
    if (entry && typeof entry === 'object') {
      return { host: String(entry.published), container: String(entry.target), protocol: entry.protocol ?? 'tcp' };
    }
    const [spec, protocol = 'tcp'] = String(entry).split('/');
    const parts = spec.split(':');
    const container = parts.at(-1);
    const host = parts.length >= 2 ? parts.at(-2) : '';
    return { host, container, protocol };
  });
}

function environment(service) {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
  return Object.fromEntries(env.map((item) => String(item).split(/=(.*)/s).slice(0, 2)));
}

function volumes(service) {
  return (service.volumes ?? []).map((entry) => {
    if (entry && typeof entry === 'object') return { source: String(entry.source ?? ''), target: String(entry.target) };
    const [source, target] = String(entry).split(':');
    return { source, target };
  });
}

// Checks every compose file shares, then returns its services.
function loadCompose(file) {
  const doc = loadYaml(file);
  if (!doc) return null;
  if (!check(doc.services && typeof doc.services === 'object', file, 'no services')) return null;
  const seen = new Map();
  for (const [name, service] of Object.entries(doc.services)) {
    check(typeof service?.image === 'string' && /^[\w.\-/]+:[\w.\-]+$/.test(service.image), file,
      `service ${name}: image must name a repository and a tag (got ${service?.image})`);
    check(!/:latest$/.test(service?.image ?? ''), file, `service ${name}: pin a version instead of latest`);
    for (const port of publishedPorts(service)) {
      const key = `${port.host}/${port.protocol}`;
      check(/^\d+$/.test(port.host), file, `service ${name}: port ${port.container} is not published on a fixed host port`);
      check(!seen.has(key), file, `host port ${key} published by both ${seen.get(key)} and ${name}`);
      seen.set(key, name);
    }
    for (const dependency of service.depends_on ?? []) {
      check(Object.hasOwn(doc.services, dependency), file, `service ${name} depends on unknown service ${dependency}`);
    }
    for (const volume of volumes(service)) {
      if (/^\.\.?\//.test(volume.source)) {
        check(existsSync(join(dirname(file), volume.source)), file,
          `service ${name}: mounted ${volume.source} does not exist next to the compose file`);
      }
    }
  }
  return doc.services;
}

function serviceByImage(services, file, repository) {
  const found = Object.entries(services ?? {}).filter(([, s]) => String(s.image).split(':')[0] === repository);
  check(found.length === 1, file, `expected one service running ${repository}, found ${found.length}`);
  return found[0] ?? [undefined, undefined];
}

function expectPorts(file, name, service, wanted) {
  if (!service) return;
  const have = new Set(publishedPorts(service).map((p) => `${p.host}:${p.container}/${p.protocol}`));
  for (const spec of wanted) {
    const [port, protocol = 'tcp'] = spec.split('/');
    check(have.has(`${port}:${port}/${protocol}`), file, `service ${name} does not publish ${port}/${protocol} as ${port}`);
  }
}

function refusePorts(file, name, service, unwanted) {
  if (!service) return;
  const have = new Set(publishedPorts(service).map((p) => `${p.host}/${p.protocol}`));
  for (const port of unwanted) check(!have.has(`${port}/tcp`), file, `service ${name} must not publish ${port} here`);
}

const jaegerImage = 'jaegertracing/all-in-one';
const jaegerPorts = ['16686', '4317', '4318', '14268', '6831/udp', '6832/udp', '9411'];

// deploy/jaeger
{
  const file = join(deploy, 'jaeger', 'compose.yaml');
  const services = loadCompose(file);
  if (services) {
    const [name, jaeger] = serviceByImage(services, file, jaegerImage);
    expectPorts(file, name, jaeger, jaegerPorts);
    const env = jaeger ? environment(jaeger) : {};
    check(env.COLLECTOR_OTLP_ENABLED === 'true', file, 'COLLECTOR_OTLP_ENABLED must be "true"');
    check(env.COLLECTOR_ZIPKIN_HOST_PORT === ':9411', file, 'COLLECTOR_ZIPKIN_HOST_PORT must be ":9411"');
  }
}

// deploy/zipkin
{
  const file = join(deploy, 'zipkin', 'compose.yaml');
  const services = loadCompose(file);
  if (services) {
    const [name, zipkin] = serviceByImage(services, file, 'openzipkin/zipkin');
    expectPorts(file, name, zipkin, ['9411']);
  }
}

// --------------------------------------------------------- otel collector

{
  const composeFile = join(deploy, 'otel-collector', 'compose.yaml');
  const configFile = join(deploy, 'otel-collector', 'config.yaml');
  const services = loadCompose(composeFile);
  const config = loadYaml(configFile);
  if (services) {
    const [collectorName, collector] = serviceByImage(services, composeFile, 'otel/opentelemetry-collector-contrib');
    expectPorts(composeFile, collectorName, collector, ['4317', '4318']);
    const [jaegerName, jaeger] = serviceByImage(services, composeFile, jaegerImage);
    expectPorts(composeFile, jaegerName, jaeger, ['16686']);
    refusePorts(composeFile, jaegerName, jaeger, ['4317', '4318']);
    const [zipkinName, zipkin] = serviceByImage(services, composeFile, 'openzipkin/zipkin');
    expectPorts(composeFile, zipkinName, zipkin, ['9411']);
    if (collector) {
      const command = [].concat(collector.command ?? []).join(' ');
      const configPath = command.match(/--config[= ](\S+)/)?.[1] ?? '/etc/otelcol-contrib/config.yaml';
      check(volumes(collector).some((v) => v.source === './config.yaml' && v.target === configPath), composeFile,
        `collector must mount ./config.yaml at ${configPath}, the file its command reads`);
    }
  }
  if (config) {
    const section = (name) => (config[name] && typeof config[name] === 'object' ? config[name] : {});
    const receivers = section('receivers');
    const processors = section('processors');
    const exporters = section('exporters');
    const extensions = section('extensions');
    const service = section('service');
    const traces = service.pipelines?.traces;
    const typeOf = (id) => String(id).split('/')[0];
    if (check(traces && typeof traces === 'object', configFile, 'service.pipelines.traces is missing')) {
      const listed = (kind) => (Array.isArray(traces[kind]) ? traces[kind] : []);
      check(listed('receivers').includes('otlp'), configFile, 'the traces pipeline must receive from otlp');
      for (const [kind, defined] of [['receivers', receivers], ['processors', processors], ['exporters', exporters]]) {
        check(listed(kind).length > 0 || kind === 'processors', configFile, `the traces pipeline lists no ${kind}`);
        for (const id of listed(kind)) {
          check(Object.hasOwn(defined, id), configFile, `pipeline ${kind.slice(0, -1)} ${id} is not defined under ${kind}:`);
        }
      }
      check(listed('processors')[0] === 'memory_limiter', configFile, 'memory_limiter must be the first processor');
      check(listed('processors').includes('batch'), configFile, 'the traces pipeline must batch');

      const used = listed('exporters').map((id) => [id, exporters[id] ?? {}]);
      const toJaeger = used.filter(([id, e]) => typeOf(id) === 'otlp' && /^(https?:\/\/)?jaeger:4317$/.test(String(e.endpoint)));
      check(toJaeger.length === 1, configFile, 'exactly one otlp exporter in the pipeline must send to jaeger:4317');
      for (const [id, e] of toJaeger) {
        check(e.tls?.insecure === true || /^http:/.test(String(e.endpoint)), configFile,
          `${id}: Jaeger's OTLP port speaks plaintext here; set tls.insecure: true`);
      }
      check(used.some(([id, e]) => typeOf(id) === 'zipkin' && e.endpoint === 'http://zipkin:9411/api/v2/spans'),
        configFile, 'a zipkin exporter in the pipeline must send to http://zipkin:9411/api/v2/spans');
      check(used.some(([id]) => typeOf(id) === 'debug'), configFile, 'the pipeline should also export to debug');
    }
    check(!Object.keys(exporters).some((id) => typeOf(id) === 'jaeger'), configFile,
      'the collector has no jaeger exporter any more; send OTLP to Jaeger');
    for (const id of service.extensions ?? []) {
      check(Object.hasOwn(extensions, id), configFile, `service extension ${id} is not defined under extensions:`);
    }
    const grpc = receivers.otlp?.protocols?.grpc?.endpoint;
    const http = receivers.otlp?.protocols?.http?.endpoint;
    check(/^0\.0\.0\.0:4317$/.test(String(grpc)), configFile, `otlp gRPC must listen on 0.0.0.0:4317 (got ${grpc})`);
    check(/^0\.0\.0\.0:4318$/.test(String(http)), configFile, `otlp HTTP must listen on 0.0.0.0:4318 (got ${http})`);
    if (services) {
      for (const [id, e] of Object.entries(exporters)) {
        const host = String(e?.endpoint ?? '').replace(/^\w+:\/\//, '').split(/[:/]/)[0];
        if (host) check(Object.hasOwn(services, host), configFile, `exporter ${id} sends to ${host}, not a service of compose.yaml`);
      }
    }
  }
}

// ----------------------------------------------------------------- grafana

{
  const composeFile = join(deploy, 'grafana', 'compose.yaml');
  const sourcesFile = join(deploy, 'grafana', 'provisioning', 'datasources', 'datasources.yaml');
  const promtailFile = join(deploy, 'grafana', 'promtail.yaml');
  const services = loadCompose(composeFile);
  const doc = loadYaml(sourcesFile);
  const promtail = existsSync(promtailFile) ? loadYaml(promtailFile) : null;

  if (services) {
    const [grafanaName, grafana] = serviceByImage(services, composeFile, 'grafana/grafana');
    expectPorts(composeFile, grafanaName, grafana, ['3000']);
    check(grafana && volumes(grafana).some((v) => /^\.\/provisioning(\/datasources)?\/?$/.test(v.source) &&
      /^\/etc\/grafana\/provisioning(\/datasources)?\/?$/.test(v.target)), composeFile,
      'grafana must mount the provisioned datasources');
    const [jaegerName, jaeger] = serviceByImage(services, composeFile, jaegerImage);
    expectPorts(composeFile, jaegerName, jaeger, ['16686']);
    serviceByImage(services, composeFile, 'grafana/loki');
  }

  if (doc) {
    check(doc.apiVersion === 1, sourcesFile, 'apiVersion must be 1');
    const list = Array.isArray(doc.datasources) ? doc.datasources : [];
    const byType = (type) => list.filter((d) => d?.type === type);
    const uids = list.map((d) => d?.uid);
    check(uids.every((uid) => typeof uid === 'string' && uid !== ''), sourcesFile, 'every datasource needs a uid');
    check(new Set(uids).size === uids.length, sourcesFile, 'datasource uids must be unique');
    const one = (type, url) => {
      const found = byType(type);
      check(found.length === 1, sourcesFile, `expected one ${type} datasource, found ${found.length}`);
      if (url) check(found[0]?.url === url, sourcesFile, `${type} datasource url must be ${url} (got ${found[0]?.url})`);
      return found[0] ?? {};
    };
    const jaeger = one('jaeger', 'http://jaeger:16686');
    const tempo = one('tempo', 'http://tempo:3200');
    const loki = one('loki');

    // Logs to traces: the derived field must find parley-chat's trace id
    // and link to the Jaeger datasource.
    const fields = Array.isArray(loki.jsonData?.derivedFields) ? loki.jsonData.derivedFields : [];
    const toJaeger = fields.filter((f) => f?.datasourceUid === jaeger.uid);
    check(toJaeger.length >= 1, sourcesFile,
      `a Loki derived field must link to the Jaeger datasource (datasourceUid ${jaeger.uid}); found ${fields.map((f) => f?.datasourceUid).join(', ') || 'none'}`);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const withSpan = `[2024-05-01 12:00:00.123] [info] trace_id=${traceId} span_id=00f067aa0ba902b7 POST /api/messages 201 12.3ms`;
    const withoutSpan = '[2024-05-01 12:00:00.123] [info] trace_id= span_id= parley-chat listening on http://127.0.0.1:8080';
    for (const field of fields) {
      const known = list.some((d) => d?.uid === field?.datasourceUid);
      check(known, sourcesFile, `derived field ${field?.name} links to unknown datasource uid ${field?.datasourceUid}`);
      let regex = null;
      try {
        regex = new RegExp(String(field?.matcherRegex));
      } catch (error) {
        check(false, sourcesFile, `derived field ${field?.name}: matcherRegex does not compile (${error.message})`);
      }
      if (regex) {
        check(regex.exec(withSpan)?.[1] === traceId, sourcesFile,
          `derived field ${field?.name}: ${field?.matcherRegex} does not capture the trace id of a parley-chat log line`);
        check(regex.exec(withoutSpan) === null, sourcesFile,
          `derived field ${field?.name}: ${field?.matcherRegex} matches a line without a trace id`);
      }
      check(field?.url === '$${__value.raw}', sourcesFile,
        `derived field ${field?.name}: an internal link's url must be '$\${__value.raw}' (with $$, escaped for provisioning)`);
    }

    // Traces to logs: Jaeger and Tempo link to Loki, filtered by trace id.
    const lokiLabels = promtail?.scrape_configs?.flatMap((s) => (s.static_configs ?? []).map((c) => c.labels ?? {})) ?? [];
    for (const source of [jaeger, tempo]) {
      const links = source.jsonData?.tracesToLogsV2 ?? source.jsonData?.tracesToLogs;
      if (!check(links && typeof links === 'object', sourcesFile, `${source.name}: no tracesToLogsV2 settings`)) continue;
      check(links.datasourceUid === loki.uid, sourcesFile,
        `${source.name}: tracesToLogsV2.datasourceUid must be the Loki uid ${loki.uid} (got ${links.datasourceUid})`);
      if (links.customQuery === true) {
        const query = String(links.query ?? '');
        check(query.includes('$${__trace.traceId}') || query.includes('$${__span.traceId}'), sourcesFile,
          `${source.name}: the custom logs query must filter on $\${__trace.traceId}`);
        const selector = query.match(/^\s*\{([^}]*)\}/)?.[1] ?? '';
        check(selector !== '', sourcesFile, `${source.name}: the logs query must start with a stream selector {label="value"}`);
        for (const [, label, value] of selector.matchAll(/(\w+)\s*=\s*"([^"]*)"/g)) {
          check(lokiLabels.some((labels) => labels[label] === value), sourcesFile,
            `${source.name}: the logs query selects ${label}="${value}", a label Promtail does not set`);
        }
      } else {
        check(links.filterByTraceID === true, sourcesFile, `${source.name}: tracesToLogsV2.filterByTraceID must be true`);
      }
    }

    // Grafana expands ${NAME} and $NAME in provisioning files from its own
    // environment; a link variable must be written $${...}.
    const raw = readFileSync(sourcesFile, 'utf8').split('\n').map(stripComment).join('\n');
    const unescaped = raw.match(/(^|[^$])\$\{[^}]*\}/m);
    check(!unescaped, sourcesFile, `unescaped ${unescaped?.[0].trim()}: Grafana would expand it at provisioning; write $$`);

    if (services) {
      for (const source of list) {
        const host = String(source?.url ?? '').replace(/^\w+:\/\//, '').split(/[:/]/)[0];
        check(Object.hasOwn(services, host), sourcesFile, `${source?.name} points at ${host}, not a service of compose.yaml`);
      }
    }
  }

  if (promtail && services) {
    const push = promtail.clients?.[0]?.url ?? '';
    check(/^http:\/\/loki:3100\/loki\/api\/v1\/push$/.test(push), promtailFile, `clients[0].url must push to Loki (got ${push})`);
    const [, agent] = serviceByImage(services, composeFile, 'grafana/promtail');
    const mounts = agent ? volumes(agent).map((v) => v.target) : [];
    for (const labels of promtail.scrape_configs?.flatMap((s) => (s.static_configs ?? []).map((c) => c.labels ?? {})) ?? []) {
      const path = String(labels.__path__ ?? '');
      check(mounts.some((target) => path.startsWith(`${target}/`)), promtailFile, `__path__ ${path} is not under a mounted directory`);
    }
  }
}

// ------------------------------------------------------------------ README

{
  const file = join(deploy, 'README.md');
  const configDoc = join(root, 'docs', 'CONFIGURATION.md');
  if (check(existsSync(file), file, 'missing') && check(existsSync(configDoc), configDoc, 'missing')) {
    const readme = readFileSync(file, 'utf8');
    const documented = new Set([...readFileSync(configDoc, 'utf8').matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
    check(documented.size > 0, configDoc, 'no variables found in the table');
    const named = new Set([...readme.matchAll(/\b((?:TRACING|OTEL)_[A-Z0-9_]+)\b/g)].map((m) => m[1]));
    for (const name of named) {
      check(documented.has(name), file, `${name} is not a variable docs/CONFIGURATION.md lists`);
    }
    const providers = new Set(['jaeger', 'zipkin', 'otlp', 'console', 'file', 'none']);
    for (const [, value] of readme.matchAll(/\bTRACING_PROVIDER=([\w,]+)/g)) {
      for (const provider of value.split(',')) {
        check(providers.has(provider), file, `TRACING_PROVIDER=${value}: ${provider} is not a provider`);
      }
    }
    const composeFiles = [...readme.matchAll(/docker compose -f ([^\s<]\S*)/g)].map((m) => m[1]);
    for (const name of ['jaeger', 'zipkin', 'otel-collector', 'grafana']) {
      check(composeFiles.includes(`deploy/${name}/compose.yaml`), file, `no start command for deploy/${name}/compose.yaml`);
    }
    for (const path of composeFiles) check(existsSync(join(root, path)), file, `${path} does not exist`);
    for (const link of ['http://localhost:16686/trace/<trace id>', 'http://localhost:9411/zipkin/traces/<trace id>', '/debug/traces']) {
      check(readme.includes(link), file, `does not say where to look: ${link}`);
    }
  }
}

// ------------------------------------------------------------------ result

if (failures.length > 0) {
  for (const failure of failures) console.error(`FAIL ${failure}`);
  console.error(`deploy checks: ${failures.length} failed, ${passed} passed`);
  process.exit(1);
}
console.log(`deploy checks: all ${passed} passed`);
