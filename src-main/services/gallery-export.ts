// Export jobs of the gallery for the UI: an id at once, then gallery.exportProgress after every file and
// gallery.exportDone or gallery.exportError. Cancellable; the encoding itself is the domain's exportItems.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { EXPORT_NAME_TEMPLATE_DEFAULT, toWireError, type OpParsed, type OpResponse } from '../../src-shared/contract/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { checkExportOptions, type ExportOptions } from '../gallery/index.js';
import type { EventBus } from './events.js';
import { EXPORT_URL_PREFIX, type GalleryService } from './gallery-view.js';

/** `2026-12-07_05-30-13`: a default export name that sorts by time and is valid on every file system. */
export function exportStamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}_${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
}

export class GalleryExports {
  private readonly running = new Map<string, AbortController>();
  private readonly finished = new Set<Promise<void>>();

  constructor(private readonly gallery: GalleryService, private readonly events: EventBus) {}

  /** Where an export goes when the request names no place. */
  defaultTarget(zip: boolean): string {
    const base = path.join(this.gallery.exportsDir, exportStamp());
    return zip ? `${base}.zip` : base;
  }

  /** Checks everything that can be checked at once (ids, template, target), then runs in the background. */
  async start(req: OpParsed<'gallery.export'>): Promise<OpResponse<'gallery.export'>> {
    const g = await this.gallery.open();
    const missing = req.ids.find((id) => !g.get(id));
    if (missing) throw new StudioError('gallery/unknown-id', `No image "${missing}" in the gallery; nothing was exported. Refresh the gallery and select again.`, { id: missing });
    const to = this.target(req.to, req.zip);
    const jobId = `job-export-${randomBytes(6).toString('hex')}`;
    const controller = new AbortController();
    const options: ExportOptions = {
      to, format: req.format, name: req.template?.trim() || EXPORT_NAME_TEMPLATE_DEFAULT, signal: controller.signal,
      onProgress: (done, total) => this.events.emit('gallery.exportProgress', { jobId, done, total }),
    };
    checkExportOptions(options);
    this.running.set(jobId, controller);
    const run = g.exportItems(req.ids, options).then(
      (result) => {
        const inExports = result.zip && path.dirname(result.to) === path.resolve(this.gallery.exportsDir);
        this.events.emit('gallery.exportDone', {
          jobId, to: result.to, zip: result.zip, files: result.files.map((f) => ({ id: f.id, name: f.name, bytes: f.bytes })),
          downloadUrl: inExports ? `${EXPORT_URL_PREFIX}${encodeURIComponent(path.basename(result.to))}` : null,
        });
      },
      (err: unknown) => this.events.emit('gallery.exportError', { jobId, error: toWireError(err) }),
    ).finally(() => {
      this.running.delete(jobId);
      this.finished.delete(run);
    });
    this.finished.add(run);
    queueMicrotask(() => this.events.emit('gallery.exportProgress', { jobId, done: 0, total: req.ids.length }));
    return { jobId, to };
  }

  private target(to: string | undefined, zip: boolean): string {
    if (to === undefined || to.trim() === '') return this.defaultTarget(zip);
    const t = to.trim();
    if (!path.isAbsolute(t)) throw new StudioError('gallery/bad-export-option', `Export to a full path (starting at a drive or /), got "${t}".`, { to: t });
    const isZip = t.toLowerCase().endsWith('.zip');
    if (zip) return isZip ? path.resolve(t) : `${path.resolve(t)}.zip`;
    if (isZip) throw new StudioError('gallery/bad-export-option', `"${t}" names a .zip file: tick "Zip" or give a folder.`, { to: t });
    return path.resolve(t);
  }

  cancel(jobId: string): OpResponse<'gallery.cancelExport'> {
    const c = this.running.get(jobId);
    c?.abort();
    return { cancelled: c !== undefined };
  }

  /** Cancels running exports and waits for them to stop (host shutdown). */
  async close(): Promise<void> {
    for (const c of this.running.values()) c.abort();
    await Promise.all([...this.finished]);
  }
}
