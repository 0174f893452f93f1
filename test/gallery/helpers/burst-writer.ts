// Child process for the "never lost" test: saves a burst of images into the gallery at argv[2] and
// prints "saved <id>" once each save has returned, until killed or done. argv: DIR COUNT [SIZE].
import { Gallery } from '../../../src-main/gallery/index.js';
import { patternImage, sampleParams } from './images.js';

const [dir, countArg, sizeArg = '256'] = process.argv.slice(2);
const size = Number(sizeArg);
const gallery = await Gallery.open({ dir });
process.stdout.write('ready\n');
for (let i = 0; i < Number(countArg); i++) {
  const item = await gallery.save(patternImage(size, size, 1000 + i), sampleParams({ prompt: `burst image ${i}`, seed: String(i), width: size, height: size }), { tags: ['burst'] });
  process.stdout.write(`saved ${item.id}\n`);
}
gallery.close();
