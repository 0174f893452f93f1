// Files shipped in resources/ (tokenizer, model catalog): found from the running module upwards, so the
// same code works from the source tree (tsx), from dist/ (tsc output) and inside the packaged app.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The path of resources/<rel> in the nearest ancestor folder that has it, or undefined. */
export function findResource(...rel: string[]): string | undefined {
  for (let dir = HERE; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources', ...rel);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
