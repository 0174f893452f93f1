// Serving file bytes the way a hub CDN does (Range → 206 + Content-Range, If-Range, ETag), with
// programmable faults per file: 500s, 429 + Retry-After, expired URLs (403), ignored Range (200),
// dropped connections, corrupted bytes, stalls and a per-connection speed limit. Counts bytes served.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Faults {
  /** Answer the next N requests with 500. */
  status500?: number;
  /** Answer the next N requests with 429 and this Retry-After (seconds). */
  status429?: { times: number; retryAfter: number };
  /** CDN only: the next N requests get 403 (pre-signed URL expired). */
  expired403?: number;
  /** The next N ranged requests get the whole file with 200. */
  ignoreRange?: number;
  /** The next N responses are cut (socket destroyed) after this many body bytes. */
  dropAfter?: { bytes: number; times: number };
  /** The next N responses carry one flipped byte. */
  corrupt?: number;
  /** Bytes per second per connection (kept across the responses a connection carries). */
  throttleBps?: number;
  /** The next N responses stop sending for `ms` after `afterBytes`. */
  stall?: { afterBytes: number; ms: number; times: number };
  /** Ranged answers carry at most this many bytes (a shorter Content-Range, as RFC 9110 allows). */
  capRange?: number;
  /** Called after a response was cut by `dropAfter` (e.g. to take the whole server down). */
  afterDrop?: () => void;
}

export interface ServeStats {
  /** Body bytes written per file path. */
  bytesServed: Map<string, number>;
  /** Bodies being sent now, per file path, and the most at once (how many connections a download used). */
  sending: Map<string, number>;
  peakSending: Map<string, number>;
  /** Requests seen, in order. */
  requests: { at: number; method: string; url: string; host: string; range?: string; authorization?: string; cookie?: string; referer?: string; acceptEncoding?: string; ifRange?: string }[];
}

export function newStats(): ServeStats {
  return { bytesServed: new Map(), sending: new Map(), peakSending: new Map(), requests: [] };
}

export function logRequest(stats: ServeStats, req: IncomingMessage, host: string): void {
  const h = req.headers;
  stats.requests.push({
    at: Date.now(),
    method: req.method ?? '', url: req.url ?? '', host,
    range: h.range, authorization: h.authorization, cookie: h.cookie, referer: h.referer,
    acceptEncoding: h['accept-encoding'] as string | undefined, ifRange: h['if-range'] as string | undefined,
  });
}

export function takeFault(faults: Map<string, Faults>, path: string): Faults {
  return faults.get(path) ?? faults.get('*') ?? {};
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'bad' | undefined {
  if (!header) return undefined;
  const m = header.match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === '' && m[2] === '')) return 'bad';
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(size - 1, Number(m[2]));
  }
  if (start >= size || end < start) return 'bad';
  return { start, end };
}

/**
 * Answers a GET/HEAD for `content` with HTTP range semantics and the file's faults applied.
 * `extraHeaders` carry the hub's own (ETag, X-Repo-Commit …).
 */
export async function serveBytes(
  req: IncomingMessage,
  res: ServerResponse,
  content: Buffer,
  path: string,
  opts: { faults: Map<string, Faults>; stats: ServeStats; etag: string; cdn: boolean; extraHeaders?: Record<string, string> },
): Promise<void> {
  const f = takeFault(opts.faults, path);
  if (f.status500 && f.status500 > 0) {
    f.status500--;
    res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    return;
  }
  if (f.status429 && f.status429.times > 0) {
    f.status429.times--;
    res.writeHead(429, { 'retry-after': String(f.status429.retryAfter), 'content-type': 'text/plain' }).end('slow down');
    return;
  }
  if (opts.cdn && f.expired403 && f.expired403 > 0) {
    f.expired403--;
    res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
    return;
  }
  const size = content.length;
  let range = parseRange(req.headers.range, size);
  const ifRange = req.headers['if-range'];
  if (range && ifRange && ifRange !== opts.etag) range = undefined;
  if (range && range !== 'bad' && f.ignoreRange && f.ignoreRange > 0) {
    f.ignoreRange--;
    range = undefined;
  }
  const headers: Record<string, string> = { 'accept-ranges': 'bytes', etag: opts.etag, 'content-type': 'application/octet-stream', ...opts.extraHeaders };
  if (range === 'bad') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` }).end();
    return;
  }
  const start = range ? range.start : 0;
  const end = range ? Math.min(range.end, f.capRange ? start + f.capRange - 1 : range.end) : size - 1;
  const length = Math.max(0, end - start + 1);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  headers['content-length'] = String(length);
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  let body = content.subarray(start, end + 1);
  if (f.corrupt && f.corrupt > 0 && length > 0) {
    f.corrupt--;
    body = Buffer.from(body);
    body[Math.floor(length / 2)] ^= 0xff;
  }
  let cut = length;
  if (f.dropAfter && f.dropAfter.times > 0) {
    f.dropAfter.times--;
    cut = Math.min(length, f.dropAfter.bytes);
  }
  let stall: { at: number; ms: number } | undefined;
  if (f.stall && f.stall.times > 0) {
    f.stall.times--;
    stall = { at: f.stall.afterBytes, ms: f.stall.ms };
  }
  const { sending, peakSending } = opts.stats;
  sending.set(path, (sending.get(path) ?? 0) + 1);
  peakSending.set(path, Math.max(peakSending.get(path) ?? 0, sending.get(path)!));
  try {
    await writeBody(res, body.subarray(0, cut), { bps: f.throttleBps, stall, count: (n) => opts.stats.bytesServed.set(path, (opts.stats.bytesServed.get(path) ?? 0) + n) });
  } finally {
    sending.set(path, sending.get(path)! - 1);
  }
  if (cut < length) {
    res.socket?.destroy();
    f.afterDrop?.();
  } else res.end();
}

/** When each connection may send its next byte: the speed limit is per connection, across its responses. */
const nextSendAt = new WeakMap<object, number>();

/** Resolves once the response drains or closes, leaving no listener behind. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function writeBody(res: ServerResponse, body: Buffer, opts: { bps?: number; stall?: { at: number; ms: number }; count: (n: number) => void }): Promise<void> {
  if (!opts.bps && !opts.stall) {
    const ok = body.length ? res.write(body) : true;
    opts.count(body.length);
    if (!ok) await drained(res); // sending until the kernel has taken it all (peakSending counts it)
    return;
  }
  const chunk = opts.bps ? Math.max(4096, Math.min(256 * 1024, Math.floor(opts.bps / 50))) : 64 * 1024;
  const socket = res.socket ?? res;
  let due = Math.max(Date.now(), nextSendAt.get(socket) ?? 0);
  let sent = 0;
  while (sent < body.length) {
    if (res.destroyed) return;
    if (opts.stall && sent >= opts.stall.at) {
      await sleep(opts.stall.ms);
      due = Math.max(due, Date.now());
      opts.stall = undefined;
    }
    if (opts.bps) {
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      if (res.destroyed) return;
    }
    const n = Math.min(chunk, body.length - sent);
    const ok = res.write(body.subarray(sent, sent + n));
    sent += n;
    opts.count(n);
    if (opts.bps) {
      due += (n / opts.bps) * 1000;
      nextSendAt.set(socket, due);
    }
    if (!ok) await drained(res);
  }
}
