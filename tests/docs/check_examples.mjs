// The C++ shown in the documents is the C++ that is compiled.
//
// Every C++ code block (```cpp, also c++/cc/cxx) in docs/TRACING.md and
// README.md must follow a marker naming the program and region it shows:
//
//   <!-- example: examples/docs/propagation.cpp http_client -->
//   ```cpp
//   ...
//   ```
//
// and must equal the lines between `// [doc:http_client]` and
// `// [/doc:http_client]` in that file, after the region's common indentation
// is removed (marker lines of regions nested inside are left out). The
// example programs are built with the examples and run by ctest (label
// "example"), so what the documents show compiles and does what they say.
//
// Also: every TRACING_* / OTEL_* variable the documents name is one the
// library reads (docs/CONFIGURATION.md, generated from its registry), and
// docs/TRACING.md carries that generated table unchanged.
//
// Needs node 20 only. Prints one "FAIL ..." line per problem and exits 1 when
// there is one; prints a summary and exits 0 otherwise.
//
//   node tests/docs/check_examples.mjs [document.md ...]   (from anywhere)

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const documents = process.argv.length > 2 ? process.argv.slice(2) : ['docs/TRACING.md', 'README.md'];

const CPP_LANGUAGES = new Set(['cpp', 'c++', 'cc', 'cxx', 'hpp', 'h++']);
const MARKER = /^<!--\s*example:\s*(\S+)\s+(\S+)\s*-->$/;
const LOOSE_MARKER = /<!--\s*example\b/;
const REGION = /^\s*\/\/\s*\[(\/?)doc:([A-Za-z0-9_.-]+)\]\s*$/;

const failures = [];
let checked = 0;
const shownRegions = new Set();  // "examples/docs/file.cpp#region"

function fail(where, message) {
  failures.push(`FAIL ${where}: ${message}`);
}

function lines(text) {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

// ------------------------------------------------------------ the programs

const regionCache = new Map();

// { regions: Map<name, { lines, numbers, start, end }>, errors: [] } for one
// source file: each region's dedented lines, their line numbers in the file,
// and the lines of its two markers.
function regionsOf(file) {
  if (regionCache.has(file)) return regionCache.get(file);
  const result = { regions: new Map(), errors: [] };
  const source = lines(readFileSync(file, 'utf8'));
  const open = new Map();  // name -> { start, body }
  source.forEach((line, index) => {
    const match = REGION.exec(line);
    if (!match) {
      for (const region of open.values()) region.body.push({ text: line, number: index + 1 });
      return;
    }
    const [, closing, name] = match;
    const lineNumber = index + 1;
    if (!closing) {
      if (open.has(name) || result.regions.has(name)) {
        result.errors.push(`line ${lineNumber}: region "${name}" is opened twice`);
      } else {
        open.set(name, { start: lineNumber, body: [] });
      }
    } else if (!open.has(name)) {
      result.errors.push(`line ${lineNumber}: "[/doc:${name}]" closes a region that is not open`);
    } else {
      const body = open.get(name).body;
      const kept = dedent(body.map((entry) => entry.text), true);
      result.regions.set(name, {
        lines: kept.lines,
        numbers: kept.kept.map((k) => body[k].number),
        start: open.get(name).start,
        end: lineNumber,
      });
      open.delete(name);
    }
  });
  for (const [name, region] of open) {
    result.errors.push(`line ${region.start}: region "${name}" is never closed with "// [/doc:${name}]"`);
  }
  regionCache.set(file, result);
  return result;
}

// Removes the indentation every non-blank line shares; blank lines become
// empty, and blank lines at either end are dropped. With `withIndexes`, also
// says which input lines were kept.
function dedent(body, withIndexes = false) {
  let first = 0;
  let last = body.length;
  while (first < last && body[first].trim() === '') first += 1;
  while (last > first && body[last - 1].trim() === '') last -= 1;
  const kept = body.slice(first, last);
  const indents = kept.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)[0]);
  let common = indents.length > 0 ? indents[0] : '';
  for (const indent of indents) {
    let i = 0;
    while (i < common.length && i < indent.length && common[i] === indent[i]) i += 1;
    common = common.slice(0, i);
  }
  const result = kept.map((line) => (line.trim() === '' ? '' : line.slice(common.length)));
  return withIndexes ? { lines: result, kept: kept.map((_, k) => first + k) } : result;
}

// ----------------------------------------------------------- the documents

// The fenced code blocks of a Markdown text (CommonMark fences: ``` or ~~~,
// up to three spaces of indentation, closed by the same character at least
// as many times), each with the non-blank line before it.
function codeBlocks(text) {
  const blocks = [];
  const source = lines(text);
  let previous = null;  // { text, line } of the last non-blank line outside a block
  for (let i = 0; i < source.length; i += 1) {
    const opening = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(source[i]);
    if (!opening || (opening[2][0] === '`' && opening[3].includes('`'))) {
      if (source[i].trim() !== '') previous = { text: source[i].trim(), line: i + 1 };
      continue;
    }
    const [, indent, fence, info] = opening;
    const language = info.trim().split(/\s+/)[0].toLowerCase();
    const body = [];
    let j = i + 1;
    const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    while (j < source.length && !closing.test(source[j])) {
      // Content loses up to the fence's own indentation.
      let line = source[j];
      let strip = 0;
      while (strip < indent.length && line[strip] === ' ') strip += 1;
      body.push(line.slice(strip));
      j += 1;
    }
    blocks.push({ language, line: i + 1, body, closed: j < source.length, before: previous });
    previous = null;
    i = j;
  }
  return blocks;
}

function firstDifference(expected, actual) {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i += 1) {
    if (expected[i] !== actual[i]) return i;
  }
  return -1;
}

function show(line, ending) {
  return line === undefined ? `(nothing: ${ending} ends here)` : JSON.stringify(line);
}

// A document's name in messages: relative to the repository when inside it.
function displayName(path) {
  const inside = relative(root, path);
  return inside.startsWith('..') ? path : inside;
}

function checkDocument(document) {
  const path = resolve(root, document);
  const name = displayName(path);
  if (!existsSync(path)) {
    fail(name, 'document not found');
    return;
  }
  for (const block of codeBlocks(readFileSync(path, 'utf8'))) {
    const where = `${name}:${block.line}`;
    const marker = block.before && MARKER.exec(block.before.text);
    if (!CPP_LANGUAGES.has(block.language)) {
      if (marker) fail(where, `an example marker precedes a \`\`\`${block.language || '(no language)'} block; only C++ blocks show examples`);
      continue;
    }
    checked += 1;
    if (!block.closed) {
      fail(where, 'the ```cpp block is never closed');
      continue;
    }
    if (!marker) {
      const hint = block.before && LOOSE_MARKER.test(block.before.text)
        ? ` (the line before it, ${JSON.stringify(block.before.text)}, is not of that form)`
        : '';
      fail(where, 'a ```cpp block without a marker: put "<!-- example: examples/docs/FILE.cpp REGION -->" on the line ' +
        `before it and show the lines between "// [doc:REGION]" and "// [/doc:REGION]" of that compiled file${hint}`);
      continue;
    }
    const [, file, region] = marker;
    const source = resolve(root, file);
    if (!relative(root, source).startsWith(`examples${sep}`)) {
      fail(where, `the marker names ${file}, which is not a file under examples/`);
      continue;
    }
    if (!existsSync(source)) {
      fail(where, `the marker names ${file}, which does not exist`);
      continue;
    }
    const { regions, errors } = regionsOf(source);
    for (const error of errors.splice(0)) fail(`${file}`, error);
    const found = regions.get(region);
    if (!found) {
      const known = [...regions.keys()].join(', ') || 'none';
      fail(where, `${file} has no region "${region}" (it has: ${known})`);
      continue;
    }
    shownRegions.add(`${relative(root, source)}#${region}`);
    const shown = dedent(block.body);
    const at = firstDifference(found.lines, shown);
    if (at >= 0) {
      const sourceAt = at < found.numbers.length
        ? `${file}:${found.numbers[at]}`
        : `the region has ${found.lines.length} line(s) and ends at ${file}:${found.end}`;
      fail(where, `the block differs from ${file} region "${region}" at its line ${at + 1} ` +
        `(${sourceAt}):\n` +
        `    compiled: ${show(found.lines[at], 'the region')}\n` +
        `    shown:    ${show(shown[at], 'the block')}\n` +
        '  Change the example program (it is built and run), then copy its region into the document.');
    }
  }
}

// ------------------------------------------------ the variables it names

// The generated table of every variable (docs/CONFIGURATION.md, which a unit
// test keeps equal to the registry): its lines, and the names in it.
function tableOf(lineList) {
  const start = lineList.findIndex((line) => line.startsWith('| Variable |'));
  if (start < 0) return null;
  let end = start;
  while (end < lineList.length && lineList[end].startsWith('|')) end += 1;
  return { start, lines: lineList.slice(start, end) };
}

const configuration = join(root, 'docs', 'CONFIGURATION.md');
const registry = tableOf(lines(readFileSync(configuration, 'utf8')));
const known = new Set();
if (!registry) {
  fail('docs/CONFIGURATION.md', 'no "| Variable |" table (regenerate it: make docs)');
} else {
  for (const row of registry.lines) {
    const match = /^\| `([A-Z0-9_]+)` \|/.exec(row);
    if (match) known.add(match[1]);
  }
}

function checkVariables(document) {
  const path = resolve(root, document);
  if (!existsSync(path) || !registry) return;
  const name = displayName(path);
  const text = lines(readFileSync(path, 'utf8'));
  // Every TRACING_* / OTEL_* name used is one the library reads.
  text.forEach((line, index) => {
    for (const match of line.matchAll(/(?<![A-Za-z0-9_])(?:TRACING|OTEL)_[A-Z0-9_]*[A-Z0-9](?![A-Za-z0-9_])/g)) {
      if (!known.has(match[0])) fail(`${name}:${index + 1}`, `${match[0]} is not a variable docs/CONFIGURATION.md lists`);
    }
  });
  // docs/TRACING.md carries the whole generated table, unchanged.
  if (name === join('docs', 'TRACING.md')) {
    const shown = tableOf(text);
    if (!shown) {
      fail(name, 'the table of every variable (the "| Variable |" table of docs/CONFIGURATION.md) is missing');
      return;
    }
    const at = firstDifference(registry.lines, shown.lines);
    if (at >= 0) {
      fail(`${name}:${shown.start + 1 + at}`, 'the variable table differs from the generated one in docs/CONFIGURATION.md ' +
        `at its line ${at + 1}:\n    generated: ${show(registry.lines[at], 'the table')}\n    shown:     ${show(shown.lines[at], 'the table')}\n` +
        '  Copy the table from docs/CONFIGURATION.md (make docs regenerates that one from the registry).');
    }
  }
}

for (const document of documents) {
  checkDocument(document);
  checkVariables(document);
}

// With the default documents: every region of examples/docs is well formed
// and shown somewhere (a region nobody shows is a leftover).
if (process.argv.length <= 2) {
  const folder = join(root, 'examples', 'docs');
  for (const entry of readdirSync(folder).filter((file) => file.endsWith('.cpp')).sort()) {
    const file = join('examples', 'docs', entry);
    const { regions, errors } = regionsOf(join(root, file));
    for (const error of errors.splice(0)) fail(file, error);
    for (const [region, { start }] of regions) {
      if (!shownRegions.has(`${file}#${region}`)) {
        fail(`${file}:${start}`, `region "${region}" is shown by no document (show it, or remove its markers)`);
      }
    }
  }
}

if (failures.length > 0) {
  for (const failure of failures) console.error(failure);
  console.error(`check_examples: ${failures.length} problem(s) in ${documents.join(', ')}`);
  process.exit(1);
}
console.log(`check_examples: ${checked} C++ block(s) in ${documents.join(', ')} match their compiled examples; ` +
  `the variables named are the ${known.size} the library reads`);
