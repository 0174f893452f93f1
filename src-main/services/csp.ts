// The one Content-Security-Policy of the studio page, for both hosts (Electron's studio:// protocol and
// the web host): own scripts only, no framing, and network calls only to the page's own origin.
// It builds header values; it does not decide which responses carry them (the hosts do).

/**
 * The policy for the page served from `origin`. `eventsOrigin` is the WebSocket origin of the web host's
 * /events (ws://host:port); the Electron shell has none and passes nothing.
 */
export function contentSecurityPolicy(eventsOrigin?: string): string {
  const connect = eventsOrigin ? `'self' ${eventsOrigin}` : "'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Headers every response of either host carries: no framing by other pages (for browsers that ignore
 * frame-ancestors), no MIME sniffing, no Referer (the web host's first URL carries its access token).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
});
