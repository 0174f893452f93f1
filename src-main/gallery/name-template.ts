// Export file names from a template (`{seed}-{prompt:40}`): fields, sanitising for every desktop file
// system (Windows' reserved characters and names included) and de-duplication within a folder.
import { BugError, StudioError } from '../../src-shared/errors.js';
import type { GalleryItem } from './types.js';

export const DEFAULT_NAME_TEMPLATE = '{seed}-{prompt:40}';
export const NAME_FIELDS: readonly string[] = Object.freeze(['id', 'seed', 'prompt', 'date', 'model', 'index', 'sampler', 'steps', 'width', 'height']);
/** Longest base name in UTF-8 bytes: leaves room for "-NNN.jpeg" under the usual 255-byte limit. */
const MAX_NAME_BYTES = 200;
const FIELD_RE = /\{([a-z]+)(?::(\d+))?\}/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Local time, sortable and legal everywhere: 2026-11-25_14-30-12. */
function dateField(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}_${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}`;
}

function fieldValue(item: GalleryItem, field: string, index: number): string {
  switch (field) {
    case 'id': return item.id;
    case 'seed': return item.seed ?? '';
    case 'prompt': return item.prompt.replace(/\s+/g, ' ').trim();
    case 'date': return dateField(item.created);
    case 'model': return item.model.name ?? '';
    case 'index': return String(index);
    case 'sampler': return item.sampler ?? item.scheduler ?? '';
    case 'steps': return item.steps === null ? '' : String(item.steps);
    case 'width': return String(item.width);
    case 'height': return String(item.height);
    default: throw new BugError(`unreachable field ${field}`);
  }
}

/** Throws StudioError gallery/bad-name-template naming the unknown field and the allowed ones. */
export function checkNameTemplate(template: string): void {
  const stray = template.replace(FIELD_RE, '').match(/[{}]/);
  for (const m of template.matchAll(FIELD_RE)) {
    if (!NAME_FIELDS.includes(m[1])) {
      throw new StudioError('gallery/bad-name-template', `Unknown field "{${m[1]}}" in name template "${template}". Choose from: ${NAME_FIELDS.map((f) => `{${f}}`).join(', ')} (text fields take a length, e.g. {prompt:40}).`, { template, field: m[1] });
    }
  }
  if (stray) throw new StudioError('gallery/bad-name-template', `Name template "${template}" has an unmatched "${stray[0]}". Fields look like {seed} or {prompt:40}.`, { template });
}

function truncateBytes(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/** A name safe on Windows, macOS and Linux: no separators, reserved or control characters, no trailing dots. */
export function sanitizeFileName(name: string): string {
  let s = name.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_').replace(/\s+/g, ' ');
  s = truncateBytes(s, MAX_NAME_BYTES).replace(/^[\s.]+|[\s.]+$/g, '');
  if (WINDOWS_RESERVED.test(s)) s = `_${s}`;
  return s;
}

/** The base name (no extension) for `item`, the `index`-th (1-based) of an export. */
export function renderName(template: string, item: GalleryItem, index: number): string {
  const raw = template.replace(FIELD_RE, (_m, field: string, len?: string) => {
    const v = fieldValue(item, field, index);
    return len ? [...v].slice(0, Number(len)).join('') : v;
  });
  return sanitizeFileName(raw) || item.id;
}

/** `base.ext`, else `base-2.ext`, `base-3.ext`…, compared case-insensitively (Windows, macOS). Records the pick. */
export function uniqueName(base: string, ext: string, taken: Set<string>): string {
  for (let i = 1; ; i++) {
    const name = `${i === 1 ? base : `${base}-${i}`}.${ext}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}
