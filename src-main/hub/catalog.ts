// The curated model catalog (resources/catalog.json): ONNX Stable Diffusion models known to suit the
// engine, with their repository and revision on each source, so a hub id maps to its ModelScope id.
// Validated with zod when loaded; lookups by catalog id, hub repository or ModelScope repository.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { StudioError } from '../../src-shared/errors.js';
import { findResource } from '../resources.js';

const commit = z.string().regex(/^[0-9a-f]{40}$/, 'a 40-hex commit');

const sourceSchema = z.object({
  repo: z.string().min(1),
  revision: z.string().min(1),
  /** Pinned commit: with `files` etags, lets ModelScope fill the hub cache under the hub's own commit. */
  commit: commit.optional(),
});

const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  name: z.string().min(1),
  family: z.enum(['sd1', 'sd2', 'sd2-v', 'sd-turbo', 'lcm']),
  license: z.string().min(1),
  /** Download size of the selected files, in bytes (approximate when `verified` is false). */
  sizeBytes: z.number().int().positive(),
  sources: z
    .object({ hf: sourceSchema.optional(), modelscope: sourceSchema.optional() })
    .refine((s) => s.hf || s.modelscope, 'at least one source'),
  /** huggingface_hub-style globs; default: what the engine needs. */
  include: z.array(z.string().min(1)).optional(),
  /** Per-file hub etags (sha256 for LFS, git blob sha1 otherwise) at `sources.hf.commit`. */
  files: z.array(z.object({ path: z.string().min(1), size: z.number().int().nonnegative(), etag: z.string().regex(/^([0-9a-f]{40}|[0-9a-f]{64})$/) })).optional(),
  recommended: z.object({
    sampler: z.string().min(1),
    steps: z.number().int().positive(),
    guidance: z.number().nonnegative(),
    size: z.number().int().positive(),
  }),
  /** Whether the listing was checked against the live repository by a maintainer. */
  verified: z.boolean(),
  notes: z.string().optional(),
});

const catalogSchema = z.object({ version: z.literal(1), models: z.array(entrySchema) });

export type CatalogEntry = z.infer<typeof entrySchema>;
export type Catalog = z.infer<typeof catalogSchema>;

export const DEFAULT_CATALOG_FILE = findResource('catalog.json') ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/catalog.json');

/** Parses and checks a catalog object; the error names the first bad field. */
export function parseCatalog(value: unknown, source = 'catalog'): Catalog {
  const r = catalogSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new StudioError('hub/bad-catalog', `${source} is not a valid model catalog: ${issue.path.join('.') || '(root)'}: ${issue.message}.`, { source });
  }
  const ids = new Set<string>();
  for (const m of r.data.models) {
    if (ids.has(m.id)) throw new StudioError('hub/bad-catalog', `${source} lists the id "${m.id}" twice.`, { source, id: m.id });
    ids.add(m.id);
  }
  return r.data;
}

export async function loadCatalog(file: string = DEFAULT_CATALOG_FILE): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new StudioError('hub/catalog-missing', `Cannot read the model catalog ${file}: ${(cause as Error).message}.`, { file }, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new StudioError('hub/bad-catalog', `${file} is not valid JSON: ${(cause as Error).message}.`, { file }, { cause });
  }
  return parseCatalog(json, file);
}

const same = (a: string | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();

/** The entry for a catalog id, a hub repository id or a ModelScope repository id. */
export function findCatalogEntry(catalog: Catalog | undefined, idOrRepo: string): CatalogEntry | undefined {
  if (!catalog) return undefined;
  return (
    catalog.models.find((m) => m.id === idOrRepo) ??
    catalog.models.find((m) => same(m.sources.hf?.repo, idOrRepo)) ??
    catalog.models.find((m) => same(m.sources.modelscope?.repo, idOrRepo))
  );
}
