// A stand-in for Ollama that speaks its real HTTP API: POST /api/chat with a
// JSON body, answered as streaming NDJSON (one {"message":{...},"done":false}
// chunk per piece, then a {"done":true,...} line with token counts), or a
// single JSON object when "stream": false. Modes for the failure paths:
//   ok    - stream the answer in several chunks
//   slow  - accept, then say nothing (the server's deadline must fire)
//   fail  - HTTP 500 {"error": "..."} as Ollama does for a missing model
//   drop  - send one chunk, then cut the connection
//   late  - like ok, but start answering only after state.lateMs (500) ms
// Every request is recorded (headers and parsed body) for the tests.
import http from 'node:http';

export async function startFakeOllama() {
  const state = { mode: 'ok', requests: [], answer: ['Hello', ' from', ' the fake', ' llama.'] };
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => handle(state, req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    url: `http://127.0.0.1:${server.address().port}`,
    state,
    setMode(mode) { state.mode = mode; },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function handle(state, req, res, text) {
  if (req.method !== 'POST' || req.url !== '/api/chat') {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not found' }));
    return;
  }
  let body;
  try { body = JSON.parse(text); } catch { res.writeHead(400); res.end('{"error":"bad json"}'); return; }
  state.requests.push({ headers: req.headers, body });
  const model = body.model;
  if (state.mode === 'slow') return;  // never answers; the client's deadline decides
  if (state.mode === 'late') {
    setTimeout(() => answer(state, res, model, body), state.lateMs ?? 500);
    return;
  }
  answer(state, res, model, body);
}

function answer(state, res, model, body) {
  if (state.mode === 'fail') {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: `model "${model}" not found, try pulling it first` }));
    return;
  }
  const created = () => new Date().toISOString();
  if (body.stream === false) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ model, created_at: created(), message: { role: 'assistant', content: state.answer.join('') },
                             done: true, done_reason: 'stop', prompt_eval_count: 26, eval_count: state.answer.length }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const pieces = [...state.answer];
  const step = () => {
    if (pieces.length === 0) {
      res.end(JSON.stringify({ model, created_at: created(), message: { role: 'assistant', content: '' }, done: true,
                               done_reason: 'stop', total_duration: 1000, prompt_eval_count: 26,
                               eval_count: state.answer.length }) + '\n');
      return;
    }
    res.write(JSON.stringify({ model, created_at: created(), message: { role: 'assistant', content: pieces.shift() },
                               done: false }) + '\n');
    if (state.mode === 'drop') { res.socket.destroy(); return; }
    setImmediate(step);
  };
  step();
}
