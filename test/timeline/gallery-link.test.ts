// A gallery image's timeline folder: written beside the PNG by the save path's hook, moved into the
// trash and back with the image, removed with it for good, relinked by a rebuild and healed by reconcile.
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Gallery } from '../../src-main/gallery/index.js';
import { linkTimeline } from '../../src-main/services/timeline-link.js';
import { readTimeline } from '../../src-main/timeline/index.js';
import { patternImage, sampleParams } from '../gallery/helpers/images.js';
import { tempDir } from '../gallery/helpers/temp.js';
import { STEPS, syntheticRecorder } from './helpers/synthetic.js';

const open: Gallery[] = [];
afterEach(() => {
  for (const g of open.splice(0)) g.close();
});
async function openGallery(dir: string): Promise<Gallery> {
  const g = await Gallery.open({ dir, watermark: { enabled: false } });
  open.push(g);
  return g;
}

async function savedWithTimeline(g: Gallery, batchIndex = 1) {
  const recorder = syntheticRecorder(2);
  const item = await g.save(patternImage(64, 64, 3), sampleParams({ batchSize: 2, batchIndex }));
  return linkTimeline(g, item, recorder, batchIndex, { prompt: 'final' });
}

describe('timeline folders in the gallery', () => {
  it("writes the image's own row beside its PNG and links it from the row", async () => {
    const g = await openGallery(await tempDir());
    const item = await savedWithTimeline(g);
    expect(item.timeline).toBe(path.join(g.dir, `${item.id}.timeline`));
    const t = await readTimeline(item.timeline!);
    expect(t.meta.shape[0]).toBe(STEPS);
    expect(t.meta.shape[1]).toBe(1);
    expect(t.meta.batchOffset).toBe(1);
    expect(t.meta.parameters).toEqual({ prompt: 'final' });
    await expect(linkTimeline(g, item, syntheticRecorder(2), 0)).rejects.toMatchObject({ code: 'gallery/timeline-exists' });
    const plain = await g.save(patternImage(64, 64, 4), sampleParams());
    expect(plain.timeline).toBeNull();
  });

  it('follows the image into the trash and back, and is deleted with it for good', async () => {
    const g = await openGallery(await tempDir());
    const item = await savedWithTimeline(g);
    await g.delete([item.id]);
    const trashed = g.get(item.id)!;
    expect(trashed.timeline).toBe(path.join(g.dir, 'trash', `${item.id}.timeline`));
    expect(existsSync(path.join(trashed.timeline!, 'x_t.npy'))).toBe(true);
    expect(existsSync(item.timeline!)).toBe(false);
    await g.restore([item.id]);
    expect(g.get(item.id)!.timeline).toBe(item.timeline);
    expect((await readTimeline(item.timeline!)).meta.shape[0]).toBe(STEPS);
    await g.delete([item.id]);
    expect(await g.emptyTrash()).toBe(1);
    expect(existsSync(trashed.timeline!)).toBe(false);
  });

  it('is relinked when the index is rebuilt from the files, and healed after an interrupted move', async () => {
    const dir = await tempDir();
    let g = await openGallery(dir);
    const item = await savedWithTimeline(g);
    g.close();
    await rm(path.join(dir, 'gallery.db'));
    await rm(path.join(dir, 'gallery.db-wal'), { force: true });
    await rm(path.join(dir, 'gallery.db-shm'), { force: true });
    g = await openGallery(dir);
    expect(g.get(item.id)!.timeline).toBe(item.timeline);
    await g.rebuild();
    expect(g.get(item.id)!.timeline).toBe(item.timeline);
    // A crash between moving the PNG and its folder into the trash: reconcile puts the folder beside its PNG.
    await g.delete([item.id]);
    await rename(path.join(dir, 'trash', `${item.id}.timeline`), item.timeline!);
    await g.reconcile();
    expect(g.get(item.id)!.timeline).toBe(path.join(dir, 'trash', `${item.id}.timeline`));
    expect(existsSync(path.join(dir, 'trash', `${item.id}.timeline`, 'timeline.json'))).toBe(true);
    // A folder removed by hand: the row no longer claims a timeline.
    await rm(path.join(dir, 'trash', `${item.id}.timeline`), { recursive: true });
    await g.reconcile();
    expect(g.get(item.id)!.timeline).toBeNull();
  });
});
