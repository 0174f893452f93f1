// Child process for the failure tests (read-only folder, full disk): runs one gallery operation at
// argv[3] on the gallery at argv[2] and prints one JSON line: {"ok":true,…} or {"ok":false,"code","message"}.
import { chmod } from 'node:fs/promises';
import { StudioError } from '../../../src-shared/errors.js';
import { Gallery } from '../../../src-main/gallery/index.js';
import { noiseImage, patternImage, sampleParams } from './images.js';

const [dir, op] = process.argv.slice(2);

function report(value: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

async function attempt(fn: () => Promise<Record<string, unknown>>): Promise<void> {
  try {
    report({ ok: true, ...(await fn()) });
  } catch (err) {
    if (!(err instanceof StudioError)) throw err;
    report({ ok: false, code: err.code, message: err.message });
  }
}

switch (op) {
  case 'readonly': {
    // The folder is made read-only by its owner (this process), so the check holds for non-root users.
    await chmod(dir, 0o555);
    await attempt(async () => ({ opened: (await Gallery.open({ dir })).dir }));
    await chmod(dir, 0o755);
    const gallery = await Gallery.open({ dir });
    await chmod(dir, 0o555);
    await attempt(async () => ({ id: (await gallery.save(patternImage(256, 256, 3), sampleParams())).id }));
    await attempt(async () => ({ id: (await gallery.setFavourite(gallery.search().items[0].id, true)).id }));
    await attempt(async () => ({ deleted: await gallery.delete([gallery.search().items[0].id]) }));
    await chmod(dir, 0o755);
    gallery.close();
    break;
  }
  case 'save-noise': {
    const gallery = await Gallery.open({ dir });
    await attempt(async () => ({ id: (await gallery.save(noiseImage(512, 512, 9), sampleParams({ width: 512, height: 512 }))).id }));
    gallery.close();
    break;
  }
  default:
    throw new Error(`unknown op ${op}`);
}
