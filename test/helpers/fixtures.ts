// Where the shared reference fixtures live: ../shared beside the checkout (as in CI),
// or LATENT_STUDIO_SHARED. Tests fail loudly when they are missing; they never skip.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = process.env.LATENT_STUDIO_SHARED ?? path.resolve(REPO_ROOT, '../shared');
export const FIXTURES_DIR = path.join(SHARED_DIR, 'fixtures');

export function fixture(...parts: string[]): string {
  const p = path.join(FIXTURES_DIR, ...parts);
  if (!existsSync(p)) throw new Error(`Missing shared fixture ${p}. Tests read ../shared/fixtures beside the checkout (or LATENT_STUDIO_SHARED).`);
  return p;
}
