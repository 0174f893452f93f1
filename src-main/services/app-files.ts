// The files behind the app's URLs, for both hosts (web host and Electron's studio:// protocol):
// the built renderer, and gallery images and thumbnails by id. Never serves a path outside those.
import { realpath, stat } from 'node:fs/promises';
import { StudioError } from '../../src-shared/errors.js';
import path from 'node:path';
import { EXPORT_URL_PREFIX, GALLERY_URL_PREFIX, THUMB_URL_PREFIX, type GalleryService } from './gallery-view.js';
import { TIMELINE_EXPORT_URL_PREFIX, type TimelineService } from './timeline.js';

export const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.zip': 'application/zip',
});

export interface AppFile {
  file: string;
  contentType: string;
  /** Renderer assets with hashed names and gallery files never change under one URL. */
  immutable: boolean;
}

/**
 * The file for a URL pathname (raw, percent-encoded), or null for 404.
 * Gallery URLs: /files/gallery/<id>.png and /files/thumbs/<id>.webp (gallery-view.ts makes them);
 * exported zips directly in the exports folder: /files/exports/<name>.zip.
 * timeline exports: /files/timeline-exports/<name> (services/timeline.ts makes them; given `timeline`).
 */
export async function resolveAppFile(pathname: string, rendererDir: string, gallery: GalleryService, timeline?: TimelineService): Promise<AppFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null; // malformed escapes name no file
  }
  const galleryId = idFrom(decoded, GALLERY_URL_PREFIX, '.png');
  if (galleryId) return { file: await insideGallery(await gallery.imageFile(galleryId), gallery), contentType: 'image/png', immutable: true };
  const thumbId = idFrom(decoded, THUMB_URL_PREFIX, '.webp');
  if (thumbId) return { file: await insideGallery(await gallery.thumbFile(thumbId), gallery), contentType: 'image/webp', immutable: true };
  if (decoded.startsWith(EXPORT_URL_PREFIX)) {
    const zip = gallery.exportZipFile(decoded.slice(EXPORT_URL_PREFIX.length));
    return zip && (await stat(zip).catch(() => undefined))?.isFile() ? { file: zip, contentType: CONTENT_TYPES['.zip'], immutable: false } : null;
  }
  if (timeline && decoded.startsWith(TIMELINE_EXPORT_URL_PREFIX)) {
    const file = timeline.exportFile(decoded.slice(TIMELINE_EXPORT_URL_PREFIX.length));
    const st = file ? await stat(file).catch(() => undefined) : undefined;
    // NOTE: a re-export replaces the file under the same URL, so it is not immutable.
    return file && st?.isFile() ? { file, contentType: CONTENT_TYPES[path.extname(file)], immutable: false } : null;
  }
  if (decoded.startsWith('/files/') || decoded.startsWith('/api/')) return null;
  return rendererFile(decoded, rendererDir);
}

/**
 * The index names the file; a damaged or edited index (or a symlink in the folder) must still not make a
 * gallery URL read outside the gallery folder. Both sides are resolved through symlinks.
 */
async function insideGallery(file: string, gallery: GalleryService): Promise<string> {
  const root = await realpath(await gallery.folder());
  const real = await realpath(file);
  if (!real.startsWith(root + path.sep)) {
    throw new StudioError('gallery/outside-folder', `Refused: the gallery index points at ${real}, outside the gallery folder ${root}. Rebuild the gallery index.`, { file: real, folder: root });
  }
  return real;
}

function idFrom(p: string, prefix: string, ext: string): string | undefined {
  if (!p.startsWith(prefix) || !p.endsWith(ext)) return undefined;
  const id = p.slice(prefix.length, p.length - ext.length);
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
}

async function rendererFile(p: string, rendererDir: string): Promise<AppFile | null> {
  const root = path.resolve(rendererDir);
  const rel = p === '/' || p === '' ? 'index.html' : p.replace(/^\/+/, '');
  const file = path.resolve(root, rel);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  const st = await stat(file).catch(() => undefined);
  if (st?.isFile()) {
    const ext = path.extname(file).toLowerCase();
    return { file, contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream', immutable: rel.startsWith('assets/') };
  }
  // NOTE: a path without an extension is a UI route: answer with the app's page (single-page app).
  if (!path.extname(rel)) {
    const index = path.join(root, 'index.html');
    if ((await stat(index).catch(() => undefined))?.isFile()) return { file: index, contentType: CONTENT_TYPES['.html'], immutable: false };
  }
  return null;
}
