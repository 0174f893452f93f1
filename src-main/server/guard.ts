// Who may talk to the web host. Bound to loopback, it answers only requests whose Host names loopback
// (defeats DNS rebinding); any request with an Origin must come from the host's own origin (defeats
// other web pages posting to it or opening its event socket).
import type { IncomingMessage } from 'node:http';
import { StudioError } from '../../src-shared/errors.js';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Hostname of a Host header value ("127.0.0.1:7860" → "127.0.0.1", "[::1]:80" → "[::1]"). */
function hostnameOf(hostHeader: string): string {
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader.trim().toLowerCase());
  return m ? m[1] : '';
}

/** Throws StudioError `server/forbidden` when the request must be refused. */
export function checkRequestOrigin(req: IncomingMessage, boundHost: string): void {
  const host = req.headers.host ?? '';
  if (isLoopbackHost(boundHost) && !isLoopbackHost(hostnameOf(host))) {
    throw new StudioError('server/forbidden-host', `Refused: Host "${host}" is not a loopback name; open the studio at http://127.0.0.1 instead.`, { host });
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    throw new StudioError('server/forbidden-origin', `Refused: requests from origin "${origin}" are not allowed; only the studio's own page (http://${host}) may call it.`, { origin });
  }
}
