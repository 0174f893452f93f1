// A lean HTTP/1.1 GET for the bodies of large downloads: the socket reads into one buffer per connection
// (net/tls `onread`), and each chunk goes straight to the caller, synchronously, before the buffer is
// reused. A 384 MiB download then allocates nothing per chunk; through undici every 64 KiB read is a new
// Buffer, copied again into its WebAssembly parser, and the garbage collector ends up costing more CPU than
// SHA-256 does. Hand-written because no HTTP library reads into a caller's buffer.
//
// It is deliberately narrow. It only ever sends GET, over a direct connection (never through a proxy),
// keeps connections alive per origin, and takes a body only when it is framed by Content-Length, with no
// transfer or content coding. Every other answer (a redirect, an error status, chunked, a body the caller
// does not want) is *declined*: the connection is closed unread and the caller sends the request again
// through undici, which handles it in full (hub/remote/http.ts).
import net from 'node:net';
import tls from 'node:tls';
import { TransientError } from './retry.js';

export interface DirectHead {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
}

export interface DirectGetRequest {
  url: string;
  /** Sent as given (lower-case names); Host, Connection and a Content-Length of 0 are never taken from here. */
  headers: Record<string, string>;
  signal: AbortSignal;
  /** Whether to read this response's body (the caller's status and Content-Range checks). */
  accept(head: DirectHead, length: number): boolean;
  /** One chunk of the body, in order; `chunk` is only valid during the call. A throw ends the request. */
  onBody(chunk: Buffer): void;
  /** Whether to stop reading for a while (a paused download); `resume` is called when reading may go on. */
  shouldPause?(resume: () => void): boolean;
}

export type DirectGetResult = { declined: DirectHead } | { bytes: number };

export interface DirectTimeouts {
  connectMs: number;
  headersMs: number;
  bodyIdleMs: number;
}

const READ_BUFFER = 1 << 20;
const MAX_HEAD = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');

/** What the connection is reading now. */
type Phase =
  | { kind: 'idle' }
  | { kind: 'head'; parts: Buffer[]; size: number }
  | { kind: 'body'; left: number; total: number };

interface Exchange {
  req: DirectGetRequest;
  resolve(r: DirectGetResult): void;
  reject(e: unknown): void;
  /** Response bytes seen (0: a kept-alive connection the server closed before our request reached it). */
  received: number;
  keepAlive: boolean;
}

class Connection {
  readonly socket: net.Socket;
  readonly origin: string;
  private readonly host: string;
  private phase: Phase = { kind: 'idle' };
  private exchange?: Exchange;
  private connecting?: { resolve(): void; reject(e: unknown): void };
  /** What the socket's inactivity timeout means now (one listener; setTimeout(ms, fn) would add one per call). */
  private onIdle?: () => Error;
  /** Closed, or in a state where it can never be reused. */
  dead = false;
  /** A request on it failed before a single byte of answer came back. */
  unanswered = false;

  constructor(url: URL, private readonly timeouts: DirectTimeouts, tlsOptions: tls.ConnectionOptions, onClosed: (c: Connection) => void) {
    this.origin = url.origin;
    this.host = url.host;
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const onread = { buffer: Buffer.allocUnsafe(READ_BUFFER), callback: (n: number, buf: Buffer) => this.onRead(buf.subarray(0, n)) };
    const common = { host: hostname, port, onread } as net.NetConnectOpts & { onread: typeof onread };
    this.socket =
      url.protocol === 'https:'
        ? tls.connect({ ...tlsOptions, ...common, servername: net.isIP(hostname) ? undefined : hostname, ALPNProtocols: ['http/1.1'] } as tls.ConnectionOptions, () => this.connected())
        : net.connect(common, () => this.connected());
    this.socket.setNoDelay(true);
    this.socket.on('timeout', () => {
      if (this.onIdle) this.fail(this.onIdle());
    });
    this.idleLimit(timeouts.connectMs, () => new TransientError('network', `${this.host}: connect timeout after ${timeouts.connectMs} ms`, { endpointDown: true }));
    this.socket.on('error', (err) => this.fail(err));
    this.socket.on('end', () => this.fail(this.endedEarly()));
    this.socket.on('close', () => {
      this.fail(this.endedEarly());
      onClosed(this);
    });
  }

  /** Fails with `error()` after `ms` without socket activity; 0 turns the limit off. */
  private idleLimit(ms: number, error?: () => Error): void {
    this.onIdle = ms > 0 ? error : undefined;
    this.socket.setTimeout(ms);
  }

  /** Resolves once connected (TLS handshake included). */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.dead) reject(new TransientError('network', `${this.host}: connection closed`));
      else this.connecting = { resolve, reject };
    });
  }

  private connected(): void {
    this.idleLimit(0);
    const c = this.connecting;
    this.connecting = undefined;
    c?.resolve();
  }

  send(url: URL, req: DirectGetRequest): Promise<DirectGetResult> {
    this.socket.ref();
    return new Promise((resolve, reject) => {
      this.exchange = { req, resolve, reject, received: 0, keepAlive: true };
      this.phase = { kind: 'head', parts: [], size: 0 };
      const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`, 'connection: keep-alive'];
      for (const [k, v] of Object.entries(req.headers)) if (k !== 'host' && k !== 'connection') lines.push(`${k}: ${v}`);
      this.idleLimit(this.timeouts.headersMs, () => new TransientError('network', `${this.host}: no response headers within ${this.timeouts.headersMs} ms`));
      this.socket.write(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
    });
  }

  private endedEarly(): Error {
    const phase = this.phase;
    const where = phase.kind === 'body' ? ` after ${phase.total - phase.left} of ${phase.total} body bytes` : ' before the response headers';
    return new TransientError('network', `${this.host}: connection dropped${where} (socket closed)`);
  }

  /** Fails whatever waits on this connection and closes it. */
  fail(err: unknown): void {
    this.dead = true;
    const ex = this.exchange;
    if (ex && ex.received === 0) this.unanswered = true;
    const c = this.connecting;
    this.exchange = undefined;
    this.connecting = undefined;
    this.phase = { kind: 'idle' };
    this.socket.destroy();
    ex?.reject(err);
    c?.reject(err);
  }

  private finish(result: DirectGetResult, reusable: boolean): void {
    const ex = this.exchange!;
    this.exchange = undefined;
    this.phase = { kind: 'idle' };
    if (reusable) this.idleLimit(0);
    else {
      this.dead = true;
      this.socket.destroy();
    }
    ex.resolve(result);
  }

  /** Called by the socket for every read, with a view of the connection's one buffer. */
  private onRead(data: Buffer): boolean {
    const ex = this.exchange;
    if (!ex || this.phase.kind === 'idle') {
      // NOTE: bytes nobody asked for (a server that talks out of turn): this connection cannot be trusted.
      if (data.length > 0) this.fail(new TransientError('protocol', `${this.host}: unexpected bytes on an idle connection`));
      return true;
    }
    ex.received += data.length;
    try {
      if (this.phase.kind === 'head') data = this.readHead(data, ex);
      if (this.phase.kind === 'body' && data.length > 0) this.readBody(data, ex);
    } catch (err) {
      this.fail(err);
    }
    return true;
  }

  private readHead(data: Buffer, ex: Exchange): Buffer {
    const phase = this.phase as Extract<Phase, { kind: 'head' }>;
    // NOTE: the read that ends the head usually carries up to a megabyte of body after it: search without
    // copying that (a copy per request cost a megabyte of garbage each), keep only a head that is split
    // across reads (the read buffer is reused).
    const window = phase.size === 0 ? data.subarray(0, MAX_HEAD + 4) : Buffer.concat([...phase.parts, data.subarray(0, MAX_HEAD + 4)]);
    const end = window.indexOf(HEAD_END);
    if (end < 0) {
      if (window.length > MAX_HEAD) throw new TransientError('protocol', `${this.host}: response headers larger than ${MAX_HEAD} bytes`);
      phase.parts = [Buffer.from(window)];
      phase.size = window.length;
      return Buffer.alloc(0);
    }
    const rest = data.subarray(end + 4 - phase.size);
    const head = parseHead(window.subarray(0, end).toString('latin1'), this.host);
    if (head.status >= 100 && head.status < 200) {
      // An interim answer (100 Continue, 103 Early Hints): the real one follows.
      this.phase = { kind: 'head', parts: [], size: 0 };
      return this.readHead(rest, ex);
    }
    const length = Number(head.headers['content-length']);
    const te = head.headers['transfer-encoding'];
    const ce = head.headers['content-encoding'];
    const framed = /^\d+$/.test(head.headers['content-length'] ?? '') && !te && (!ce || ce.toLowerCase() === 'identity');
    const conn = (head.headers.connection ?? '').toLowerCase();
    ex.keepAlive = head.version === '1.1' ? !conn.includes('close') : conn.includes('keep-alive');
    if (!framed || !ex.req.accept(head, length)) {
      this.finish({ declined: head }, false);
      return Buffer.alloc(0);
    }
    this.idleLimit(this.timeouts.bodyIdleMs, () => new TransientError('network', `${this.host}: no data for ${this.timeouts.bodyIdleMs} ms`));
    this.phase = { kind: 'body', left: length, total: length };
    if (length === 0) this.finish({ bytes: 0 }, ex.keepAlive && rest.length === 0);
    return rest;
  }

  private readBody(data: Buffer, ex: Exchange): void {
    const phase = this.phase as Extract<Phase, { kind: 'body' }>;
    const take = Math.min(data.length, phase.left);
    ex.req.onBody(take === data.length ? data : data.subarray(0, take));
    phase.left -= take;
    if (phase.left === 0) {
      // Anything past the declared length is a broken server: the body is complete, the connection is not reusable.
      this.finish({ bytes: phase.total }, ex.keepAlive && take === data.length);
      return;
    }
    if (ex.req.shouldPause?.(() => this.socket.resume())) this.socket.pause();
  }
}

function parseHead(text: string, host: string): DirectHead & { version: string } {
  const lines = text.split('\r\n');
  const m = /^HTTP\/(1\.[01]) (\d{3})(?: .*)?$/.exec(lines[0]);
  if (!m) throw new TransientError('protocol', `${host}: not an HTTP/1.x status line: ${JSON.stringify(lines[0].slice(0, 80))}`);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0) throw new TransientError('protocol', `${host}: malformed response header ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: Number(m[2]), headers, version: m[1] };
}

/** Direct GETs with kept-alive connections per origin (at most `maxIdle` idle ones each). */
export class DirectGetClient {
  private readonly idle = new Map<string, Connection[]>();
  private closed = false;

  /** `tlsOptions`: extra options for HTTPS connections (a test's certificate authority). */
  constructor(private readonly timeouts: DirectTimeouts, private readonly maxIdle = 8, private readonly tlsOptions: tls.ConnectionOptions = {}) {}

  static handles(url: string): boolean {
    return url.startsWith('http://') || url.startsWith('https://');
  }

  async get(req: DirectGetRequest): Promise<DirectGetResult> {
    const url = new URL(req.url);
    for (const [k, v] of Object.entries(req.headers)) {
      if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(k) || /[\r\n\0]/.test(v)) throw new Error(`invalid HTTP header ${JSON.stringify(k)}`);
    }
    if (this.closed) throw new TransientError('network', `${url.host}: the download client is closed`);
    for (let attempt = 0; ; attempt++) {
      const reused = attempt === 0 ? this.takeIdle(url.origin) : undefined;
      const conn = reused ?? new Connection(url, this.timeouts, this.tlsOptions, (c) => this.forget(c));
      const onAbort = () => conn.fail(Object.assign(new Error('The download was cancelled'), { name: 'AbortError' }));
      if (req.signal.aborted) {
        onAbort();
        throw req.signal.reason ?? new Error('aborted');
      }
      req.signal.addEventListener('abort', onAbort, { once: true });
      try {
        if (!reused) await conn.ready();
        const result = await conn.send(url, req);
        if (!conn.dead) this.putIdle(conn);
        return result;
      } catch (err) {
        // A kept-alive connection the server was closing (no answer at all): send the GET again on a new one.
        if (reused && conn.unanswered && !req.signal.aborted) continue;
        throw err;
      } finally {
        req.signal.removeEventListener('abort', onAbort);
      }
    }
  }

  private takeIdle(origin: string): Connection | undefined {
    const list = this.idle.get(origin);
    while (list?.length) {
      const c = list.pop()!;
      if (!c.dead) return c;
    }
    return undefined;
  }

  private putIdle(conn: Connection): void {
    const list = this.idle.get(conn.origin) ?? [];
    if (this.closed || list.length >= this.maxIdle) {
      conn.socket.destroy();
      return;
    }
    list.push(conn);
    this.idle.set(conn.origin, list);
    conn.socket.unref();
  }

  private forget(conn: Connection): void {
    const list = this.idle.get(conn.origin);
    const i = list?.indexOf(conn) ?? -1;
    if (i >= 0) list!.splice(i, 1);
  }

  close(): void {
    this.closed = true;
    for (const list of this.idle.values()) for (const c of list) c.socket.destroy();
    this.idle.clear();
  }
}
