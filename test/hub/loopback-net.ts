// Network stand-ins for the endpoint tests, all on 127.0.0.1: an undici Agent that routes well-known hosts
// (hf-mirror.com, modelscope.cn) to loopback servers and refuses every other non-loopback host, an HTTP
// proxy (CONNECT tunnels and absolute-form requests) that counts what went through it, and a black hole.
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

/** A forward proxy: CONNECT tunnels (undici's default) and absolute-form GET/HEAD. */
export async function startProxy(): Promise<TestProxy> {
  const targets: string[] = [];
  const auths: (string | undefined)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/');
    targets.push(u.host);
    auths.push(req.headers['proxy-authorization']);
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
export async function blackHole(): Promise<{ url: string; accepted: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: TcpServer = createTcpServer((s) => {
    accepted++;
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    accepted: () => accepted,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
