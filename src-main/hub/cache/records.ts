// What the model manager keeps in the Latent Studio data folder (given by the host): the registry of
// local model folders imported without copying, and, for caches in copy mode (no symlinks, so no blob
// names), the expected hashes of each snapshot file so `verify` can still check them.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../src-shared/errors.js';
import { repoFolderName } from './cache-paths.js';
import { checkOnnxLayout } from './select.js';
import { incompleteFolderMessage } from '../../../src-shared/model-layouts/index.js';

export interface LocalModel {
  /** `local:<name>` */
  id: string;
  name: string;
  path: string;
  addedAt: string;
}

interface Registry {
  version: 1;
  models: LocalModel[];
}

export interface DataFolderOptions {
  /** The Latent Studio data folder, resolved once by the host. */
  dataDir: string;
}

async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

const registryFile = (opts: DataFolderOptions) => path.join(opts.dataDir, 'models.json');

async function readRegistry(opts: DataFolderOptions): Promise<Registry> {
  let text: string;
  try {
    text = await readFile(registryFile(opts), 'utf8');
  } catch {
    return { version: 1, models: [] };
  }
  try {
    const r = JSON.parse(text) as Registry;
    if (r?.version === 1 && Array.isArray(r.models)) return r;
  } catch {
    // fall through to the error below
  }
  throw new StudioError('hub/bad-registry', `${registryFile(opts)} is not a valid model registry. Fix or delete it (imported folders are untouched).`, { file: registryFile(opts) });
}

/** Relative paths of the files under `dir` (links followed, 4 levels deep at most). */
export async function listFolderFiles(dir: string, depth = 4): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string, level: number): Promise<void> {
    let names: string[];
    try {
      names = await readdir(path.join(dir, rel));
    } catch {
      return;
    }
    for (const name of names) {
      const p = rel ? `${rel}/${name}` : name;
      try {
        const st = await stat(path.join(dir, p));
        if (st.isDirectory()) {
          if (level < depth) await walk(p, level + 1);
        } else if (st.isFile()) out.push(p);
      } catch {
        // NOTE: a dangling link is not a file of the model; callers report what is missing.
      }
    }
  }
  await walk('', 0);
  return out.sort();
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';

/** Registers an ONNX Stable Diffusion folder where it is (nothing is copied); refuses exactly what the engine refuses. */
export async function importLocalModel(dir: string, opts: DataFolderOptions & { name?: string }): Promise<LocalModel> {
  const abs = path.resolve(dir);
  try {
    if (!(await stat(abs)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new StudioError('hub/local-not-found', `${abs} is not a folder. Give the model folder (the one holding unet/, text_encoder/, …).`, { dir: abs });
  }
  // The engine's words for the engine's decision: a folder imports exactly when the engine would load it.
  const files = new Set(await listFolderFiles(abs));
  const check = checkOnnxLayout(files);
  if (check.refused) throw new StudioError('hub/not-onnx-sd', `${abs} ${check.refused}`, { dir: abs, missing: '' });
  if (!check.ok) throw new StudioError('hub/not-onnx-sd', incompleteFolderMessage(abs, check.missing, files), { dir: abs, missing: check.missing.join(',') });
  const reg = await readRegistry(opts);
  const existing = reg.models.find((m) => m.path === abs);
  if (existing) return existing;
  const base = slug(opts.name ?? path.basename(abs));
  let id = `local:${base}`;
  for (let i = 2; reg.models.some((m) => m.id === id); i++) id = `local:${base}-${i}`;
  const model: LocalModel = { id, name: opts.name ?? path.basename(abs), path: abs, addedAt: new Date().toISOString() };
  reg.models.push(model);
  await writeJsonAtomic(registryFile(opts), reg);
  return model;
}

export async function listLocalModels(opts: DataFolderOptions): Promise<LocalModel[]> {
  return (await readRegistry(opts)).models;
}

/** Forgets an imported folder (by id or path); its files stay where they are. */
export async function removeLocalModel(idOrPath: string, opts: DataFolderOptions): Promise<LocalModel | undefined> {
  const reg = await readRegistry(opts);
  const abs = idOrPath.startsWith('local:') ? undefined : path.resolve(idOrPath);
  const found = reg.models.find((m) => m.id === idOrPath || m.path === abs);
  if (!found) return undefined;
  reg.models = reg.models.filter((m) => m !== found);
  await writeJsonAtomic(registryFile(opts), reg);
  return found;
}

export interface ManifestFile {
  size: number;
  sha256?: string;
  gitSha1?: string;
}

function manifestFile(opts: DataFolderOptions, cacheDir: string, repo: string, commit: string): string {
  const cacheKey = createHash('sha1').update(path.resolve(cacheDir)).digest('hex').slice(0, 12);
  return path.join(opts.dataDir, 'hub-manifests', cacheKey, repoFolderName(repo), `${commit}.json`);
}

/** Records expected hashes for a copy-mode snapshot (merged with what earlier pulls recorded). */
export async function writeManifest(opts: DataFolderOptions, cacheDir: string, repo: string, commit: string, files: Record<string, ManifestFile>): Promise<void> {
  const file = manifestFile(opts, cacheDir, repo, commit);
  const old = (await readManifest(opts, cacheDir, repo, commit)) ?? {};
  await writeJsonAtomic(file, { version: 1, repo, commit, files: { ...old, ...files } });
}

export async function readManifest(opts: DataFolderOptions, cacheDir: string, repo: string, commit: string): Promise<Record<string, ManifestFile> | undefined> {
  try {
    const v = JSON.parse(await readFile(manifestFile(opts, cacheDir, repo, commit), 'utf8')) as { files?: Record<string, ManifestFile> };
    return v.files && typeof v.files === 'object' ? v.files : undefined;
  } catch {
    return undefined;
  }
}
