// Which files of a repository the engine needs, and whether a listing is an ONNX Stable Diffusion model
// the engine can run (the shared layout table in src-shared/model-layouts, with a message naming what is missing). Globs follow huggingface_hub's
// allow_patterns (fnmatch: `*` also crosses `/`; a trailing `/` means the whole folder).
// NOTE: hand-written because Node 20 has no path.matchesGlob and fnmatch semantics differ from minimatch.
import { StudioError } from '../../../src-shared/errors.js';
import { checkLayout, refusedKind } from '../../../src-shared/model-layouts/index.js';
import type { RemoteFile } from '../types.js';

const ENGINE_FOLDERS = ['text_encoder', 'unet', 'vae_decoder', 'tokenizer', 'scheduler'];
const TOP_FILES = ['model_index.json'];
/** Weights for other frameworks, and runtimes we do not use (AMD's MIGraphX caches). */
const SKIP_EXTENSIONS = ['.safetensors', '.bin', '.ckpt', '.pt', '.pth', '.msgpack', '.h5', '.ot', '.gguf', '.mlmodel', '.tflite', '.md'];
const SKIP_SEGMENTS = ['mxr'];

function fnmatchRegex(pattern: string): RegExp {
  let p = pattern.endsWith('/') ? `${pattern}*` : pattern;
  p = p.replace(/^\.\//, '');
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        let body = p.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 's');
}

/** huggingface_hub's pattern match (Python fnmatch on the repository path). */
export function matchesGlob(path: string, pattern: string): boolean {
  return fnmatchRegex(pattern).test(path);
}

/** The files to fetch: the include globs when given, else what the engine loads (no safety checker, no PyTorch weights). */
export function selectFiles(files: RemoteFile[], opts: { include?: string[]; vaeEncoder?: boolean } = {}): RemoteFile[] {
  if (opts.include && opts.include.length > 0) {
    const res = opts.include.map(fnmatchRegex);
    return files.filter((f) => res.some((r) => r.test(f.path)));
  }
  const folders = opts.vaeEncoder === false ? ENGINE_FOLDERS : [...ENGINE_FOLDERS, 'vae_encoder'];
  return files.filter((f) => {
    const parts = f.path.split('/');
    if (parts.length === 1) return TOP_FILES.includes(f.path);
    if (!folders.includes(parts[0])) return false;
    if (parts.some((s) => SKIP_SEGMENTS.includes(s.toLowerCase()))) return false;
    const lower = f.path.toLowerCase();
    return !SKIP_EXTENSIONS.some((e) => lower.endsWith(e));
  });
}

export interface OnnxLayoutCheck {
  /** The engine would load it: a layout matches, nothing it requires is missing, and it is not a refused kind. */
  ok: boolean;
  /** The matched layout's id. */
  layout?: string;
  missing: string[];
  /** Why the engine refuses it whatever its files (SDXL, PyTorch weights). */
  refused?: string;
  /** What the listing looks like instead, for the message. */
  hints: string[];
}

/** The engine's own decision (src-shared/model-layouts) on a list of relative paths, plus hints for messages. */
export function checkOnnxLayout(paths: Iterable<string>, modelIndex?: Record<string, unknown>): OnnxLayoutCheck {
  const have = new Set(paths);
  const { layout, missing } = checkLayout({ files: have, modelIndex });
  const refused = refusedKind(have)?.reason;
  const hints: string[] = [];
  const all = [...have];
  if (missing.length > 0) {
    if (all.some((p) => /\.(safetensors|bin|ckpt)$/i.test(p) && /^(unet|text_encoder|vae)\//.test(p))) {
      hints.push('it holds PyTorch weights (diffusers format), which must be converted to ONNX first');
    } else if (all.some((p) => /\.(safetensors|ckpt)$/i.test(p) && !p.includes('/'))) {
      hints.push('it holds a single-file checkpoint, not a diffusers ONNX folder');
    }
    if (all.some((p) => p.startsWith('text_encoder_2/') || p.startsWith('tokenizer_2/'))) hints.push('it looks like SDXL, which the engine does not run');
    if (!all.some((p) => p.endsWith('.onnx'))) hints.push('it has no .onnx files at all');
  }
  return { ok: !!layout && missing.length === 0 && !refused, layout: layout?.id, missing, ...(refused ? { refused } : {}), hints };
}

/** Throws `hub/not-onnx-sd` naming the missing files, and the `onnx` branch when the repository has one. */
export function assertOnnxLayout(repo: string, revision: string, paths: Iterable<string>, branches: string[] = []): void {
  const check = checkOnnxLayout(paths);
  if (check.ok) return;
  const advice: string[] = [];
  if (branches.includes('onnx') && revision !== 'onnx') advice.push('it has an "onnx" branch: try --revision onnx');
  const why = [...check.hints, ...advice];
  throw new StudioError(
    'hub/not-onnx-sd',
    `"${repo}" at "${revision}" is not an ONNX Stable Diffusion model the engine can run: ${check.missing.length ? `missing ${check.missing.join(', ')}` : `it ${check.refused}`}${why.length ? ` (${why.join('; ')})` : ''}. Pick a catalog model or another ONNX export.`,
    { repo, revision, missing: check.missing.join(',') },
  );
}
