// The built-in demo model: the tiny synthetic model (real SD 1.5 structure, seeded random weights) that
// `npm run build` writes into dist/default-model. On first run the host copies it into the data folder, so
// with no network and no download the app can generate, fill the gallery and show a timeline at once.
// It makes patterns, not pictures; the Models screen says so and offers the catalog.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The model's folder name in the data folder; also its id and name in the model lists. */
export const DEFAULT_MODEL_NAME = 'latent-studio-demo';
/** Written by the generator into every built model; its content identifies the build. */
const MARKER = 'synthetic.json';
const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * The built copy shipped with the app: dist/default-model in the nearest ancestor that has one (the
 * checkout, or app.asar in a package). Undefined before the first `npm run build`.
 */
export function findBundledDefaultModel(from = HERE): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'dist', 'default-model');
    if (existsSync(path.join(candidate, MARKER))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export type DefaultModelResult =
  | { dir: string; installed: boolean }
  | { dir: undefined; reason: string };

/**
 * Makes sure `<dataDir>/models/latent-studio-demo` holds the bundled build (findBundledDefaultModel()): copied on first run and
 * again when the app ships a different build (its marker differs); otherwise left alone. The copy goes
 * to a temporary folder renamed into place, so an interrupted first run never leaves half a model.
 * Never throws: without a bundled build or a writable data folder the app starts without it (reason).
 */
export async function installDefaultModel(dataDir: string, bundled: string | undefined): Promise<DefaultModelResult> {
  if (!bundled) return { dir: undefined, reason: 'no built demo model (dist/default-model): run "npm run build"' };
  const target = path.join(dataDir, 'models', DEFAULT_MODEL_NAME);
  try {
    const want = await readFile(path.join(bundled, MARKER), 'utf8');
    const have = await readFile(path.join(target, MARKER), 'utf8').catch(() => undefined);
    if (have === want) return { dir: target, installed: false };
    const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      // NOTE: file by file (not fs.cp), which Electron's fs also serves from inside app.asar.
      await copyTree(bundled, tmp);
      await rm(target, { recursive: true, force: true });
      try {
        await rename(tmp, target);
      } catch (err) {
        // Another process starting at the same time may have put the same build in place first.
        if ((await readFile(path.join(target, MARKER), 'utf8').catch(() => undefined)) !== want) throw err;
      }
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    return { dir: target, installed: true };
  } catch (err) {
    return { dir: undefined, reason: `the demo model could not be copied to ${target}: ${(err as Error).message}` };
  }
}

async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const e of await readdir(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) await copyTree(src, dst);
    else if (e.isFile()) await copyFile(src, dst);
  }
}
