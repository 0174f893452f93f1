// The studio:// protocol: serves the built renderer and gallery files under studio://app/, with the
// shared CSP. Paths are resolved by services/app-files (confined to the renderer and gallery folders);
// this module only maps URLs to responses. Takes Electron's protocol object as a parameter.
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { toWireError } from '../../src-shared/contract/index.js';
import { resolveAppFile } from '../services/app-files.js';
import { SECURITY_HEADERS, contentSecurityPolicy } from '../services/csp.js';
import type { GalleryService } from '../services/gallery-view.js';
import type { TimelineService } from '../services/timeline.js';

export const APP_SCHEME = 'studio';
/** The renderer's origin: same URL layout as the web host (/, /assets, /files/gallery, /files/thumbs). */
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** Must run before app is ready: lets studio:// behave like https (fetch, relative URLs, secure context). */
export function registerSchemePrivileges(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** The handler behind studio://: the file for a GET under studio://app/, else 404 (or 405 for writes). */
export function appProtocolHandler(rendererDir: string, gallery: GalleryService, timeline?: TimelineService): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    try {
      const found = await resolveAppFile(url.pathname, rendererDir, gallery, timeline);
      if (!found) return new Response('Not found', { status: 404 });
      const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': found.contentType };
      if (found.contentType.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy();
      return new Response(new Uint8Array(await readFile(found.file)), { status: 200, headers });
    } catch (err) {
      const e = toWireError(err);
      if (e.code === 'internal') process.stderr.write(`latent-studio: ${request.url}: ${(err as Error)?.stack ?? String(err)}\n`);
      return new Response(e.message, { status: e.code === 'gallery/unknown-id' ? 404 : e.code === 'gallery/outside-folder' ? 403 : 500 });
    }
  };
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string, gallery: GalleryService, timeline?: TimelineService): void {
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir, gallery, timeline));
}
