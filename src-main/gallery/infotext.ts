// AUTOMATIC1111 WebUI "infotext" (the `parameters` PNG text): writing it as processing.py's
// create_infotext does and reading it as infotext_utils.py's parse_generation_parameters does.
// Only the fields we produce or index are interpreted; every other field is kept as text.
import type { GenerationParams, RngSource } from '../../src-shared/generation-params.js';
import { SCHEDULER_TABLE } from '../../src-shared/schedulers.js';

/**
 * Scheduler ids → WebUI sampler names (sd_samplers_kdiffusion.py / sd_samplers_compvis.py): ours come from
 * the shared scheduler table; the rest are WebUI samplers we read in other images but do not run.
 * Karras variants use the combined pre-1.9 name ("DPM++ 2M Karras"): every WebUI version, Civitai and
 * other readers understand it (1.9+ splits it into Sampler + "Schedule type" when pasting).
 */
export const WEBUI_SAMPLER_NAMES: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(SCHEDULER_TABLE.map((s) => [s.id, s.webuiName])),
  'euler-karras': 'Euler Karras',
  'lms-karras': 'LMS Karras',
  heun: 'Heun',
  'heun-karras': 'Heun Karras',
  dpm2: 'DPM2',
  'dpm2-karras': 'DPM2 Karras',
  'dpm2-a': 'DPM2 a',
  'dpm2-a-karras': 'DPM2 a Karras',
  'dpmpp-2s-a': 'DPM++ 2S a',
  'dpmpp-2s-a-karras': 'DPM++ 2S a Karras',
  'dpmpp-sde': 'DPM++ SDE',
  'dpmpp-sde-karras': 'DPM++ SDE Karras',
  'dpmpp-2m-sde': 'DPM++ 2M SDE',
  'dpmpp-2m-sde-karras': 'DPM++ 2M SDE Karras',
  unipc: 'UniPC',
  lcm: 'LCM',
});

const SAMPLER_IDS: ReadonlyMap<string, string> = new Map(Object.entries(WEBUI_SAMPLER_NAMES).map(([id, name]) => [name.toLowerCase(), id]));

/** WebUI display name for one of our scheduler ids (an unknown id is written as-is). */
export function samplerName(scheduler: string): string {
  return WEBUI_SAMPLER_NAMES[scheduler] ?? scheduler;
}

/**
 * Our scheduler id for a WebUI sampler name (case-insensitive), also from 1.9+'s split form
 * (`Sampler: DPM++ 2M`, `Schedule type: Karras`); undefined when we have no such scheduler.
 */
export function schedulerFromSampler(sampler: string, scheduleType?: string): string | undefined {
  let name = sampler.trim().toLowerCase();
  if (scheduleType?.trim().toLowerCase() === 'karras' && !name.endsWith(' karras')) name += ' karras';
  return SAMPLER_IDS.get(name);
}

/** WebUI's `RNG` field: absent means GPU; ours are CPU (torch's CPU generator) or NV (Philox). */
const RNG_NAMES: Readonly<Record<RngSource, string>> = Object.freeze({ 'torch-cpu': 'CPU', 'torch-cpu-scalar': 'CPU', philox: 'NV' });

/** infotext_utils.quote: JSON-quote a value holding a comma, newline or colon. */
export function quoteInfotextValue(value: string): string {
  return /[,\n:]/.test(value) ? JSON.stringify(value) : value;
}

/** Python's str() of a float: integral values keep ".0" (WebUI prints `CFG scale: 7.0`). */
function pyFloat(n: number): string {
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

/**
 * The `parameters` text for our image: prompt, `Negative prompt:` line (only when not empty), then
 * `Steps, Sampler, CFG scale, Seed, Size, Model hash, Model, RNG` in create_infotext's order.
 */
export function formatInfotext(params: GenerationParams): string {
  const fields: Array<[string, string | number | undefined]> = [
    ['Steps', params.steps],
    ['Sampler', samplerName(params.scheduler)],
    ['CFG scale', pyFloat(params.guidance)],
    ['Seed', params.seed],
    ['Size', `${params.width}x${params.height}`],
    ['Model hash', params.model.hash ? params.model.hash.slice(0, 10) : undefined],
    ['Model', params.model.name || undefined],
    ['RNG', RNG_NAMES[params.rngSource]],
  ];
  const text = fields
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => (k === String(v) ? k : `${k}: ${quoteInfotextValue(String(v))}`))
    .join(', ');
  const negative = params.negativePrompt ? `\nNegative prompt: ${params.negativePrompt}` : '';
  return `${params.prompt}${negative}\n${text}`.trim();
}

// infotext_utils.re_param_code with Python's Unicode \w.
const PARAM_RE = /\s*([\p{L}\p{N}_][\p{L}\p{N}_ \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/gu;

export interface ParsedInfotext {
  prompt: string;
  negativePrompt: string;
  /** The `key: value` fields of the last line, unquoted, in order (later duplicates win, as in WebUI). */
  fields: Record<string, string>;
}

function paramMatches(line: string): Array<[string, string]> {
  return [...line.matchAll(PARAM_RE)].map((m) => [m[1], m[2]]);
}

function unquote(text: string): string {
  if (text.length < 2 || text[0] !== '"' || text[text.length - 1] !== '"') return text;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' ? v : text;
  } catch {
    return text; // NOTE: WebUI keeps the quoted text when it is not valid JSON; so do we.
  }
}

/** parse_generation_parameters without WebUI's UI defaults: prompt, negative prompt, last-line fields. */
export function parseInfotext(infotext: string): ParsedInfotext {
  const lines = infotext.trim().split('\n');
  let lastLine = lines.pop() ?? '';
  if (paramMatches(lastLine).length < 3) {
    lines.push(lastLine);
    lastLine = '';
  }
  let prompt = '';
  let negativePrompt = '';
  let doneWithPrompt = false;
  for (let line of lines) {
    line = line.trim();
    if (line.startsWith('Negative prompt:')) {
      doneWithPrompt = true;
      line = line.slice(16).trim();
    }
    if (doneWithPrompt) negativePrompt += (negativePrompt === '' ? '' : '\n') + line;
    else prompt += (prompt === '' ? '' : '\n') + line;
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of paramMatches(lastLine)) fields[k] = v.startsWith('"') && v.endsWith('"') ? unquote(v) : v;
  return { prompt, negativePrompt, fields };
}

/** What the gallery indexes from an infotext (the fields WebUI and we agree on). */
export interface InfotextSummary {
  prompt: string;
  negativePrompt: string;
  steps?: number;
  guidance?: number;
  seed?: string;
  sampler?: string;
  scheduler?: string;
  width?: number;
  height?: number;
  modelName?: string;
  modelHash?: string;
  rng?: string;
}

function intField(v: string | undefined): number | undefined {
  return v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;
}

function floatField(v: string | undefined): number | undefined {
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function summarizeInfotext(parsed: ParsedInfotext): InfotextSummary {
  const f = parsed.fields;
  const size = /^(\d+)x(\d+)$/.exec(f.Size ?? '');
  const seed = f.Seed?.trim();
  return {
    prompt: parsed.prompt,
    negativePrompt: parsed.negativePrompt,
    steps: intField(f.Steps),
    guidance: floatField(f['CFG scale']),
    seed: seed && /^-?\d+$/.test(seed) ? seed : undefined,
    sampler: f.Sampler,
    scheduler: f.Sampler ? schedulerFromSampler(f.Sampler, f['Schedule type']) : undefined,
    width: size ? Number(size[1]) : undefined,
    height: size ? Number(size[2]) : undefined,
    modelName: f.Model,
    modelHash: f['Model hash'],
    rng: f.RNG ?? (Object.keys(f).length ? 'GPU' : undefined),
  };
}
