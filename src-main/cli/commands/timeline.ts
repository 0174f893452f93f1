// `latent-studio timeline export ID|DIR`: a gallery image's timeline (ID) or a timeline folder (DIR, as
// `generate --timeline DIR` writes it) as an animated WebP/GIF or a contact sheet. Flags are checked here;
// the work is services/timeline.ts's, the same the app's timeline.export runs.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { GalleryService } from '../../services/gallery-view.js';
import { resolveAppPaths } from '../../services/app-paths.js';
import { TimelineService } from '../../services/timeline.js';
import { TIMELINE_DECODE_VIEWS, TIMELINE_EXPORT_FORMATS, TIMELINE_EXPORT_SCALE_MAX } from '../../../src-shared/contract/index.js';
import { getCliSignal } from '../signal.js';
import { parseIntFlag, printJson, usageError } from '../usage.js';

type Format = (typeof TIMELINE_EXPORT_FORMATS)[number];
interface ExportFlags { format: Format; out: string; view: (typeof TIMELINE_DECODE_VIEWS)[number]; scale?: string; frameMs?: string; json?: boolean }

const EXTENSIONS: Record<Format, string> = { webp: '.webp', gif: '.gif', sheet: '.png' };

export function registerTimelineCommands(program: Command): void {
  const tl = program.command('timeline').description("a generation's every denoising step (see docs/timeline-format.md)");
  tl.command('export')
    .description('write a timeline as an animated WebP or GIF (one frame per step) or a contact sheet PNG')
    .argument('<source>', 'a gallery image id, or a timeline folder (generate --timeline DIR)')
    .addOption(new Option('--format <format>', 'webp, gif or sheet (PNG)').choices([...TIMELINE_EXPORT_FORMATS]).makeOptionMandatory())
    .requiredOption('--out <file>', 'the file to write (.webp, .gif or .png by format)')
    .addOption(new Option('--view <view>', 'xt: the latents after each step; x0: the predicted final latents').choices([...TIMELINE_DECODE_VIEWS]).default('xt'))
    .option('--scale <n>', `enlarge the latent-size frames n times, nearest neighbour (1–${TIMELINE_EXPORT_SCALE_MAX}, default 4)`)
    .option('--frame-ms <ms>', 'animation: milliseconds per frame (default 120; the last frame holds 1 s)')
    .option('--json', 'print {"out", "frames", "width", "height", "bytes"} as JSON')
    .action(async (source: string, opts: ExportFlags) => {
      const ext = EXTENSIONS[opts.format];
      if (path.extname(opts.out).toLowerCase() !== ext) throw usageError(`--out must end in ${ext} for --format ${opts.format}; got "${opts.out}".`, { flag: '--out', value: opts.out });
      const scale = parseIntFlag('--scale', opts.scale, { min: 1, max: TIMELINE_EXPORT_SCALE_MAX });
      const frameMs = parseIntFlag('--frame-ms', opts.frameMs, { min: 10, max: 60_000 });
      const isDir = existsSync(source) && statSync(source).isDirectory();
      if (!isDir && !/^[A-Za-z0-9_-]{1,64}$/.test(source)) throw usageError(`"${source}" is neither a timeline folder nor a gallery image id.`, { value: source });
      const paths = resolveAppPaths();
      const gallery = new GalleryService(paths.galleryDir, path.join(paths.home, 'exports'), (m) => process.stderr.write(`latent-studio: ${m}\n`));
      try {
        const service = new TimelineService({ gallery });
        const r = await service.exportTo(isDir ? { dir: source } : { id: source }, opts.out, { format: opts.format, view: opts.view, scale, frameMs, signal: getCliSignal() });
        const out = path.resolve(opts.out);
        if (opts.json) printJson({ out, ...r });
        else process.stdout.write(`${out}: ${r.frames} frames, ${r.width}×${r.height}, ${r.bytes} bytes\n`);
      } finally {
        await gallery.close();
      }
    });
}
