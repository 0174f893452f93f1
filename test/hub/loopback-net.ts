// Network stand-ins for the endpoint tests, all on 127.0.0.1: an undici Agent that routes well-known hosts
// (hf-mirror.com, modelscope.cn) to loopback servers and refuses every other non-loopback host, an HTTP
// proxy (CONNECT tunnels and absolute-form requests, loopback targets only) that records what it was
// asked for, and a black hole.
import { connect, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';

function portOf(url: string): number {
  return Number(new URL(url).port);
}

/**
 * An Agent whose connector sends `host` → the loopback URL given for it, keeps 127.0.0.1 as is, and
 * fails anything else: a test can name real mirrors without ever touching the real network.
 */
export function loopbackAgent(routes: Record<string, string>): Agent {
  return new Agent({
    connect: (opts, callback) => {
      const target = opts.hostname === '127.0.0.1' ? Number(opts.port) : routes[opts.hostname] ? portOf(routes[opts.hostname]) : undefined;
      if (target === undefined) {
        const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${opts.hostname} (test: real network refused)`), { code: 'ENOTFOUND' });
        callback(err, null);
        return;
      }
      const socket = connect(target, '127.0.0.1');
      socket.once('connect', () => callback(null, socket));
      socket.once('error', (err) => callback(err, null));
    },
  });
}

export interface TestProxy {
  url: string;
  /** `host:port` targets in order, one per tunnel or forwarded request. */
  targets: string[];
  /** Proxy-Authorization headers seen. */
  auths: (string | undefined)[];
  close(): Promise<void>;
}

/** A forward proxy: CONNECT tunnels (undici's default) and absolute-form GET/HEAD; `auth` makes it demand Basic credentials. */
export async function startProxy(opts: { auth?: string } = {}): Promise<TestProxy> {
  const wanted = opts.auth ? `Basic ${Buffer.from(opts.auth).toString('base64')}` : undefined;
  const targets: string[] = [];
  const auths: (string | undefined)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/');
    targets.push(u.host);
    auths.push(req.headers['proxy-authorization']);
    if (u.hostname !== '127.0.0.1') {
      res.writeHead(502).end('test proxy: loopback only');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const up = httpRequest({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: req.method, headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    targets.push(req.url ?? '');
    auths.push(req.headers['proxy-authorization']);
    const [host, port] = (req.url ?? '').split(':');
    if (wanted && req.headers['proxy-authorization'] !== wanted) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    if (host !== '127.0.0.1') {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'); // never the real network
      return;
    }
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, targets, auths,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Accepts connections and never answers: an endpoint that only a timeout gets past. */
export async function blackHole(): Promise<{ url: string; accepted: () => number; firstAt: () => number | undefined; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  let firstAt: number | undefined;
  const server: TcpServer = createTcpServer((s) => {
    accepted++;
    firstAt ??= Date.now();
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    accepted: () => accepted,
    firstAt: () => firstAt,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
