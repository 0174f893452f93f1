// The lean body reader (hub/direct-get.ts) against real node:http / node:https servers on loopback: bodies
// intact, kept-alive connections reused, every unexpected answer declined, drops, timeouts, cancel, pause.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectGetClient, type DirectGetRequest, type DirectGetResult } from '../../../src-main/hub/remote/direct-get.js';
import { TransientError, isAbort } from '../../../src-main/hub/remote/retry.js';

const BODY = randomBytes(3_000_000);
const TLS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tls');
const timeouts = { connectMs: 2000, headersMs: 500, bodyIdleMs: 500 };

interface TestServer {
  url: string;
  /** TCP connections accepted so far. */
  connections: number;
  sockets: Set<Socket>;
  close(): Promise<void>;
}

const servers: TestServer[] = [];
const clients: DirectGetClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, tls = false): Promise<TestServer> {
  const server: Server = tls ? createHttpsServer({ key: readFileSync(path.join(TLS_DIR, 'key.pem')), cert: readFileSync(path.join(TLS_DIR, 'cert.pem')) }, handler) : createServer(handler);
  const t: TestServer = {
    url: '',
    connections: 0,
    sockets: new Set(),
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
  server.on(tls ? 'secureConnection' : 'connection', (s: Socket) => {
    t.connections++;
    t.sockets.add(s);
    s.on('close', () => t.sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(t);
  return t;
}

/** Serves BODY with Range support (206 + Content-Range), like a CDN. */
function rangeHandler(req: IncomingMessage, res: ServerResponse): void {
  const m = req.headers.range?.match(/^bytes=(\d+)-(\d+)$/);
  if (!m) {
    res.writeHead(200, { 'content-length': BODY.length, etag: '"abc"' });
    res.end(BODY);
    return;
  }
  const [a, b] = [Number(m[1]), Math.min(Number(m[2]), BODY.length - 1)];
  res.writeHead(206, { 'content-length': b - a + 1, 'content-range': `bytes ${a}-${b}/${BODY.length}` });
  res.end(BODY.subarray(a, b + 1));
}

function client(tlsCa = false): DirectGetClient {
  const c = new DirectGetClient(timeouts, 8, tlsCa ? { ca: readFileSync(path.join(TLS_DIR, 'cert.pem')) } : {});
  clients.push(c);
  return c;
}

/** A GET that collects the body; `accept` defaults to 200/206. */
async function get(c: DirectGetClient, url: string, extra: Partial<DirectGetRequest> = {}): Promise<{ result: DirectGetResult; body: Buffer }> {
  const parts: Buffer[] = [];
  const result = await c.get({
    url,
    headers: {},
    signal: new AbortController().signal,
    accept: (head) => head.status === 200 || head.status === 206,
    onBody: (chunk) => parts.push(Buffer.from(chunk)),
    ...extra,
  });
  return { result, body: Buffer.concat(parts) };
}

/** A TCP server that answers each request's first bytes with `answer(socket)`: raw responses, byte for byte. */
async function rawServer(answer: (sock: Socket) => void): Promise<string> {
  const server = createNetServer((sock) => sock.once('data', () => answer(sock)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const open = new Set<Socket>();
  server.on('connection', (sock) => {
    open.add(sock);
    sock.on('close', () => open.delete(sock));
  });
  servers.push({
    url: '',
    connections: 0,
    sockets: open,
    close: () => {
      for (const sock of open) sock.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('direct GET', () => {
  it('reads a whole body and a range, intact, sending the caller headers', async () => {
    let seen: IncomingMessage['headers'] = {};
    const s = await serve((req, res) => {
      seen = req.headers;
      rangeHandler(req, res);
    });
    const c = client();
    const whole = await get(c, `${s.url}/f?x=1`, { headers: { 'user-agent': 'ls-test', authorization: 'Bearer t' } });
    expect(whole.result).toEqual({ bytes: BODY.length });
    expect(sha(whole.body)).toBe(sha(BODY));
    expect(seen['user-agent']).toBe('ls-test');
    expect(seen.authorization).toBe('Bearer t');
    const part = await get(c, `${s.url}/f`, { headers: { range: 'bytes=1000-2000999' } });
    expect(part.result).toEqual({ bytes: 2_000_000 });
    expect(part.body.equals(BODY.subarray(1000, 2_001_000))).toBe(true);
  });

  it('keeps connections alive: sequential requests share one, parallel ones get their own', async () => {
    const s = await serve(rangeHandler);
    const c = client();
    for (let i = 0; i < 5; i++) await get(c, `${s.url}/f`, { headers: { range: `bytes=${i * 1000}-${i * 1000 + 999}` } });
    expect(s.connections).toBe(1);
    await Promise.all([0, 1, 2].map(() => get(c, `${s.url}/f`)));
    expect(s.connections).toBe(3);
    await get(c, `${s.url}/f`);
    expect(s.connections).toBe(3);
  });

  it('declines what it does not read (redirect, error status, chunked, unwanted) and closes that connection', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/redirect') res.writeHead(302, { location: '/f', 'content-length': 0 }).end();
      else if (req.url === '/missing') res.writeHead(404, { 'content-length': 9 }).end('not found');
      else if (req.url === '/chunked') {
        res.writeHead(200, { 'transfer-encoding': 'chunked' });
        res.end(BODY.subarray(0, 1000));
      } else if (req.url === '/gzip') res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': 3 }).end('abc');
      else rangeHandler(req, res);
    });
    const c = client();
    const redirect = await get(c, `${s.url}/redirect`);
    expect(redirect.result).toMatchObject({ declined: { status: 302, headers: { location: '/f' } } });
    expect((await get(c, `${s.url}/missing`)).result).toMatchObject({ declined: { status: 404 } });
    expect((await get(c, `${s.url}/chunked`)).result).toMatchObject({ declined: { status: 200 } });
    expect((await get(c, `${s.url}/gzip`)).result).toMatchObject({ declined: { status: 200 } });
    const unwanted = await get(c, `${s.url}/f`, { accept: () => false });
    expect(unwanted.result).toMatchObject({ declined: { status: 200 } });
    expect(unwanted.body.length).toBe(0);
    expect(s.connections).toBe(5); // none of those connections was reused
  });

  it('skips interim 1xx answers', async () => {
    const s = await serve((req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload' });
      rangeHandler(req, res);
    });
    const r = await get(client(), `${s.url}/f`);
    expect(r.result).toEqual({ bytes: BODY.length });
    expect(sha(r.body)).toBe(sha(BODY));
  });

  it('sends a request again on a fresh connection when the server closed the idle one', async () => {
    // Closed while idle: the client notices before reusing it.
    const s = await serve(rangeHandler);
    const c = client();
    await get(c, `${s.url}/f`);
    for (const sock of s.sockets) sock.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect((await get(c, `${s.url}/f`)).result).toEqual({ bytes: BODY.length });
    expect(s.connections).toBe(2);
    // Closed just as our next request arrives (the keep-alive race): nothing was answered, so it is safe to send again.
    const used = new WeakMap<Socket, number>();
    const racy = await serve((req, res) => {
      const n = (used.get(req.socket) ?? 0) + 1;
      used.set(req.socket, n);
      if (n === 2) req.socket.destroy();
      else rangeHandler(req, res);
    });
    await get(c, `${racy.url}/f`);
    const again = await get(c, `${racy.url}/f`);
    expect(again.result).toEqual({ bytes: BODY.length });
    expect(sha(again.body)).toBe(sha(BODY));
    expect(racy.connections).toBe(2);
  });


  it('reports a drop mid-body as a transient network error, after handing over the bytes that came', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': BODY.length });
      res.write(BODY.subarray(0, 1_000_000), () => setTimeout(() => res.destroy(), 30));
    });
    let got = 0;
    const err = await get(client(), `${s.url}/f`, { onBody: (b) => (got += b.length) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as TransientError).kind).toBe('network');
    expect((err as Error).message).toMatch(/dropped after 1000000 of 3000000 body bytes/);
    expect(got).toBe(1_000_000);
  });

  it('times out a server that never answers, and one that stalls mid-body', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/stall') {
        res.writeHead(200, { 'content-length': BODY.length });
        res.write(BODY.subarray(0, 1000));
      } // else: never answer
    });
    const c = client();
    const t0 = Date.now();
    await expect(get(c, `${s.url}/silent`)).rejects.toThrow(/no response headers within 500 ms/);
    await expect(get(c, `${s.url}/stall`)).rejects.toThrow(/no data for 500 ms/);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('refuses a header value that would split the request, without echoing it', async () => {
    const s = await serve(rangeHandler);
    const err = await get(client(), `${s.url}/f`, { headers: { authorization: 'Bearer hf_secret\r\nx-evil: 1' } }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('invalid HTTP header "authorization"');
    expect(s.connections).toBe(0);
  });

  it('reads a head that arrives in pieces, split inside its blank line, and the body after it in the same read', async () => {
    const body = BODY.subarray(0, 200_000);
    const pieces = [`HTTP/1.1 200 OK\r\ncontent-le`, `ngth: ${body.length}\r\netag: "x"\r\n\r`, Buffer.concat([Buffer.from('\n'), body])];
    const url = await rawServer((sock) => {
      sock.setNoDelay(true);
      pieces.forEach((p, i) => setTimeout(() => sock.write(p), 30 * i));
    });
    const r = await get(client(), `${url}/f`);
    expect(r.result).toEqual({ bytes: body.length });
    expect(sha(r.body)).toBe(sha(body));
  });

  it('refuses response headers larger than 64 KiB', async () => {
    const url = await rawServer((sock) => {
      sock.write('HTTP/1.1 200 OK\r\n');
      for (let i = 0; i < 40; i++) setTimeout(() => sock.write(`x-filler-${i}: ${'a'.repeat(2000)}\r\n`), i);
    });
    await expect(get(client(), `${url}/f`)).rejects.toThrow(/response headers larger than 65536 bytes/);
  });

  it('refuses a reply that is not HTTP', async () => {
    const s = await serve(() => undefined);
    s.sockets.clear();
    const c = client();
    const pending = get(c, `${s.url}/f`);
    await new Promise((r) => setTimeout(r, 50));
    for (const sock of s.sockets) sock.end('SSH-2.0-OpenSSH_9.2\r\n\r\n');
    await expect(pending).rejects.toThrow(/not an HTTP\/1.x status line/);
  });

  it('cancels at once, and refuses new work after close()', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': BODY.length });
      res.write(BODY.subarray(0, 100_000)); // then nothing
    });
    const c = client();
    const ac = new AbortController();
    const pending = get(c, `${s.url}/f`, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const err = await pending.catch((e: unknown) => e);
    expect(isAbort(err)).toBe(true);
    c.close();
    await expect(get(c, `${s.url}/f`)).rejects.toThrow(/closed/);
  });

  it('stops reading while paused and goes on after resume', async () => {
    const s = await serve(rangeHandler);
    let resume: (() => void) | undefined;
    let chunks = 0;
    const parts: Buffer[] = [];
    const pending = get(client(), `${s.url}/f`, {
      onBody: (b) => {
        chunks++;
        parts.push(Buffer.from(b));
      },
      shouldPause: (go) => {
        if (resume || chunks > 1) return false;
        resume = go;
        return true;
      },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(chunks).toBe(1); // paused after the first chunk
    resume!();
    const r = await pending;
    expect(r.result).toEqual({ bytes: BODY.length });
    expect(sha(Buffer.concat(parts))).toBe(sha(BODY));
  });

  it('speaks HTTPS, checking the certificate', async () => {
    const s = await serve(rangeHandler, true);
    const r = await get(client(true), `${s.url}/f`, { headers: { range: 'bytes=5-1000004' } });
    expect(r.result).toEqual({ bytes: 1_000_000 });
    expect(r.body.equals(BODY.subarray(5, 1_000_005))).toBe(true);
    const err = await get(client(false), `${s.url}/f`).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
  });
});
