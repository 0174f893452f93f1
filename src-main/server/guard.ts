// Who may talk to the web host. The Host header must name this host: a loopback name when bound to
// loopback, else the bound address, this machine's addresses (wildcard binds) or a name the user allowed
// (defeats DNS rebinding). A request with an Origin must come from the host's own origin (defeats other
// pages posting to it). With a token, every request must carry it (cookie, Bearer header or ?token=).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import { StudioError } from '../../src-shared/errors.js';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
const TOKEN_SHAPE = /^[A-Za-z0-9._~-]{16,256}$/;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

export function isWildcardHost(host: string): boolean {
  return WILDCARD_HOSTS.has(host);
}

/** Hostname of a Host header value ("127.0.0.1:7860" → "127.0.0.1", "[::1]:80" → "[::1]"). */
export function hostnameOf(hostHeader: string): string {
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader.trim().toLowerCase());
  return m ? m[1] : '';
}

/** An address as it appears in a Host header or URL: IPv6 in brackets. */
export function urlHost(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/** This machine's interface addresses (for wildcard binds), in URL form. */
export function machineAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((a) => urlHost(a.address.toLowerCase())));
}

/**
 * The Host names a server bound to `boundHost` answers to. Loopback binds: loopback names only. Other
 * binds: the bound name, and for a wildcard every address of this machine and its hostname. Plus `allowed`.
 */
export function acceptedHostNames(boundHost: string, allowed: readonly string[] = []): Set<string> {
  const names = new Set(allowed.map((h) => urlHost(h.trim().toLowerCase())));
  if (isLoopbackHost(boundHost)) {
    for (const n of LOOPBACK_NAMES) names.add(n);
    names.add(urlHost(boundHost));
  } else if (isWildcardHost(boundHost)) {
    for (const n of LOOPBACK_NAMES) names.add(n);
    for (const a of machineAddresses()) names.add(a);
    names.add(os.hostname().toLowerCase());
  } else {
    names.add(urlHost(boundHost.toLowerCase()));
  }
  return names;
}

/** A fresh access token: 24 random bytes, URL-safe. */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Checks a user-given --token: long enough to resist guessing, and safe to put in a URL unescaped. */
export function checkTokenShape(token: string): void {
  if (!TOKEN_SHAPE.test(token)) {
    throw new StudioError('server/bad-token', `The access token must be 16 to 256 characters of A-Z a-z 0-9 . _ ~ -, got ${token.length} characters${/[^A-Za-z0-9._~-]/.test(token) ? ' with others' : ''}. Leave --token out to get a generated one.`, { length: token.length });
  }
}

export interface AccessPolicy {
  /** Host names accepted in the Host header (acceptedHostNames). */
  hosts: ReadonlySet<string>;
  /** When set, every request must carry it. */
  token?: string;
  /** Name of the cookie holding the token (one per port: cookies do not separate ports). */
  cookieName: string;
}

/** What the request proved: `setCookie` when it brought the token as ?token= (the page's first visit). */
export interface Access { setCookie: boolean }

/** Throws StudioError `server/forbidden-*` or `server/token-required` when the request must be refused. */
export function checkAccess(req: IncomingMessage, policy: AccessPolicy): Access {
  const host = req.headers.host ?? '';
  if (!policy.hosts.has(hostnameOf(host))) {
    throw new StudioError('server/forbidden-host', `Refused: Host "${host}" is not a name of this studio (${[...policy.hosts].join(', ')}). Open the URL that latent-studio serve printed, or add the name with --allowed-host.`, { host });
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    throw new StudioError('server/forbidden-origin', `Refused: requests from origin "${origin}" are not allowed; only the studio's own page (http://${host}) may call it.`, { origin });
  }
  if (policy.token === undefined) return { setCookie: false };
  const query = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
  if (query !== null && sameToken(query, policy.token)) return { setCookie: true };
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const cookie = cookieValue(req.headers.cookie, policy.cookieName);
  if ((bearer !== undefined && sameToken(bearer, policy.token)) || (cookie !== undefined && sameToken(cookie, policy.token))) return { setCookie: false };
  throw new StudioError('server/token-required', 'This studio needs its access token: open the URL latent-studio serve printed (it ends in ?token=…), or send the header "Authorization: Bearer <token>".');
}

/** The Set-Cookie value that lets the page's own fetch and WebSocket calls carry the token. */
export function tokenCookie(policy: AccessPolicy): string {
  return `${policy.cookieName}=${policy.token}; Path=/; HttpOnly; SameSite=Strict`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
