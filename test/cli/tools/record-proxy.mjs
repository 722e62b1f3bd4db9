// record-proxy: a logging proxy between the real docker CLI and a real dockerd, used only by
// hand to record fixtures (never by tests). It advertises Api-Version 1.50 on /_ping and maps
// /v1.50/ paths to the engine's own version, so the CLI behaves as against a 1.50 daemon.
//   node test/cli/tools/record-proxy.mjs <listen.sock> <engine.sock> <log.jsonl> [engineVersion]
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';

const [listen, engine, logFile, engineVersion = '1.41'] = process.argv.slice(2);
let seq = 0;
const log = (entry) => fs.appendFileSync(logFile, JSON.stringify(entry) + '\n');
const mapUrl = (url) => url.replace(/^\/v1\.50\//, `/v${engineVersion}/`);
const enc = (buf) => {
  const s = buf.toString('utf8');
  return Buffer.from(s, 'utf8').equals(buf) ? { text: s } : { base64: buf.toString('base64') };
};

const server = http.createServer((req, res) => {
  const n = ++seq;
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const headers = { ...req.headers };
    delete headers['transfer-encoding'];
    if (body.length) headers['content-length'] = String(body.length);
    const up = http.request({ socketPath: engine, method: req.method, path: mapUrl(req.url), headers }, (ur) => {
      const out = [];
      const resHeaders = { ...ur.headers };
      if (req.url === '/_ping') resHeaders['api-version'] = '1.50';
      res.writeHead(ur.statusCode, resHeaders);
      res.flushHeaders();
      ur.on('data', (c) => { out.push(c); res.write(c); });
      ur.on('end', () => {
        res.end();
        log({ seq: n, method: req.method, url: req.url, reqHeaders: req.headers, reqBody: enc(body), status: ur.statusCode, resHeaders, resBody: enc(Buffer.concat(out)) });
      });
    });
    up.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
    up.end(body);
  });
});

server.on('upgrade', (req, socket, head) => {
  const n = ++seq;
  const up = net.connect(engine);
  const fromClient = [head];
  const fromEngine = [];
  let raw = `${req.method} ${mapUrl(req.url)} HTTP/1.1\r\n`;
  for (let i = 0; i < req.rawHeaders.length; i += 2) raw += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
  up.write(raw + '\r\n');
  up.write(head);
  socket.on('data', (c) => { fromClient.push(c); up.write(c); });
  socket.on('end', () => up.end());
  up.on('data', (c) => { fromEngine.push(c); socket.write(c); });
  up.on('end', () => socket.end());
  socket.on('error', () => up.destroy());
  up.on('error', () => socket.destroy());
  up.on('close', () => log({ seq: n, upgrade: true, method: req.method, url: req.url, reqHeaders: req.headers, fromClient: enc(Buffer.concat(fromClient)), fromEngine: enc(Buffer.concat(fromEngine)) }));
});

try { fs.unlinkSync(listen); } catch {}
server.listen(listen, () => console.log('listening', listen));
