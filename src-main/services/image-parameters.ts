// image.parameters: the generation parameters of a PNG the user dropped, from our JSON chunk, WebUI's
// `parameters` infotext or ComfyUI's `prompt` graph (a plain txt2img graph only), in our terms.
// Not here: pixels, importing into the gallery, or ComfyUI graphs with more than one sampler or extra nodes.
import type { ImageParameters, OpResponse } from '../../src-shared/contract/index.js';
import { PNG_DROP_MAX_BYTES } from '../../src-shared/contract/limits.js';
import { StudioError } from '../../src-shared/errors.js';
import { checkIsPng, readPngMetadata, schedulerFromSampler, summarizeInfotext, type PngMetadata } from '../gallery/index.js';

type ImageParametersResponse = OpResponse<'image.parameters'>;

/** ComfyUI sampler_name → our scheduler id; `karras` names the id used with ComfyUI's `karras` scheduler. */
const COMFY_SAMPLERS: Readonly<Record<string, { plain?: string; karras?: string }>> = Object.freeze({
  euler: { plain: 'euler', karras: 'euler-karras' },
  euler_ancestral: { plain: 'euler-a' },
  lms: { plain: 'lms', karras: 'lms-karras' },
  heun: { plain: 'heun', karras: 'heun-karras' },
  dpm_2: { plain: 'dpm2', karras: 'dpm2-karras' },
  dpm_2_ancestral: { plain: 'dpm2-a', karras: 'dpm2-a-karras' },
  dpmpp_2s_ancestral: { plain: 'dpmpp-2s-a', karras: 'dpmpp-2s-a-karras' },
  dpmpp_sde: { plain: 'dpmpp-sde', karras: 'dpmpp-sde-karras' },
  dpmpp_2m: { plain: 'dpmpp-2m', karras: 'dpmpp-2m-karras' },
  dpmpp_2m_sde: { plain: 'dpmpp-2m-sde', karras: 'dpmpp-2m-sde-karras' },
  ddim: { plain: 'ddim' },
  uni_pc: { plain: 'unipc' },
  lcm: { plain: 'lcm' },
});
/** ComfyUI schedulers that space sigmas as the diffusers default does (the rest change the schedule). */
const COMFY_PLAIN_SCHEDULES = new Set(['normal', 'simple', 'ddim_uniform']);
/** The node types of ComfyUI's default txt2img workflow, the only graph read. */
const PLAIN_NODES = new Set(['CheckpointLoaderSimple', 'CLIPTextEncode', 'EmptyLatentImage', 'KSampler', 'VAEDecode', 'SaveImage', 'PreviewImage']);

/** Reads PNG data URLs; `schedulers` are the engine's ids (a mapped id the engine lacks becomes null). */
export class ImageParametersService {
  constructor(private readonly schedulers: readonly string[]) {}

  read(dataUrl: string): ImageParametersResponse {
    const png = decodeDataUrl(dataUrl);
    checkIsPng(png.subarray(0, 16), 'the dropped file');
    const meta = readPngMetadata(png, 'the dropped file');
    const found = fromOurs(meta) ?? fromWebui(meta) ?? fromComfy(meta);
    if (!found) throw noParameters(meta);
    const { scheduler } = found.parameters;
    if (scheduler !== null && !this.schedulers.includes(scheduler)) found.parameters.scheduler = null;
    return found;
  }

  /** Our scheduler id for a ComfyUI sampler_name + scheduler pair, or undefined. */
  static comfyScheduler(sampler: string, schedule: string): string | undefined {
    const row = COMFY_SAMPLERS[sampler];
    if (!row) return undefined;
    if (schedule === 'karras') return row.karras;
    return COMFY_PLAIN_SCHEDULES.has(schedule) ? row.plain : undefined;
  }
}

function decodeDataUrl(dataUrl: string): Buffer {
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:') || comma < 0 || !dataUrl.slice(0, comma).endsWith(';base64')) {
    throw new StudioError('image/bad-data-url', 'The image must come as a base64 data: URL (data:image/png;base64,…); read the file with FileReader.readAsDataURL.', { value: dataUrl.slice(0, 40) });
  }
  const png = Buffer.from(dataUrl.slice(comma + 1), 'base64');
  if (png.length > PNG_DROP_MAX_BYTES) {
    throw new StudioError('image/too-large', `The dropped file has ${png.length} bytes; parameters are read from PNGs up to ${PNG_DROP_MAX_BYTES} bytes (30 MB).`, { bytes: png.length, max: PNG_DROP_MAX_BYTES });
  }
  return png;
}

function fromOurs(meta: PngMetadata): ImageParametersResponse | undefined {
  const p = meta.params;
  if (!p) return undefined;
  return {
    source: 'latent-studio',
    parameters: {
      prompt: p.prompt, negativePrompt: p.negativePrompt, steps: p.steps, guidance: p.guidance, seed: p.seed, width: p.width, height: p.height,
      scheduler: p.scheduler, sampler: p.scheduler, model: p.model.name,
    },
  };
}

function fromWebui(meta: PngMetadata): ImageParametersResponse | undefined {
  if (!meta.infotext) return undefined;
  const s = summarizeInfotext(meta.infotext);
  const sampler = s.sampler ? (meta.infotext.fields['Schedule type'] ? `${s.sampler} ${meta.infotext.fields['Schedule type']}` : s.sampler) : null;
  return {
    source: 'webui',
    parameters: {
      prompt: s.prompt, negativePrompt: s.negativePrompt, steps: s.steps ?? null, guidance: s.guidance ?? null, seed: s.seed ?? null,
      width: s.width ?? null, height: s.height ?? null,
      scheduler: s.sampler ? schedulerFromSampler(s.sampler, meta.infotext.fields['Schedule type']) ?? null : null, sampler,
      ...(s.modelName ? { model: s.modelName } : {}),
    },
  };
}

interface ComfyNode { class_type: string; inputs: Record<string, unknown> }
type ComfyGraph = Record<string, ComfyNode>;

function fromComfy(meta: PngMetadata): ImageParametersResponse | undefined {
  const text = meta.texts.prompt;
  if (text === undefined) return undefined;
  const graph = parseGraph(text);
  const types = Object.values(graph).map((n) => n.class_type);
  const extra = [...new Set(types.filter((t) => !PLAIN_NODES.has(t)))];
  const samplers = Object.entries(graph).filter(([, n]) => n.class_type === 'KSampler');
  if (extra.length || samplers.length !== 1) {
    const why = extra.length ? `it has ${extra.join(', ')}` : `it has ${samplers.length} KSampler nodes`;
    throw new StudioError(
      'image/comfyui-not-plain',
      `This ComfyUI graph is not a plain txt2img graph (${why}); parameters are read only from CheckpointLoaderSimple → CLIPTextEncode ×2 → EmptyLatentImage → KSampler → VAEDecode → SaveImage. Copy the values by hand.`,
      { found: extra.length ? extra.join(',') : `KSampler×${samplers.length}` },
    );
  }
  const ks = samplers[0][1].inputs;
  const input = (from: Record<string, unknown>, name: string, type: string): ComfyNode => {
    const link = from[name];
    const node = Array.isArray(link) ? graph[String(link[0])] : undefined;
    if (!node || node.class_type !== type) throw notPlain(`KSampler's ${name} is not a ${type} node`, type);
    return node;
  };
  const positive = input(ks, 'positive', 'CLIPTextEncode').inputs;
  const negative = input(ks, 'negative', 'CLIPTextEncode').inputs;
  const latent = input(ks, 'latent_image', 'EmptyLatentImage').inputs;
  const checkpoint = input(ks, 'model', 'CheckpointLoaderSimple').inputs;
  const literal = <T extends 'string' | 'number'>(inputs: Record<string, unknown>, name: string, type: T) => literalInput(graph, inputs, name, type);
  const sampler = literal(ks, 'sampler_name', 'string');
  const schedule = literal(ks, 'scheduler', 'string');
  const model = literal(checkpoint, 'ckpt_name', 'string');
  return {
    source: 'comfyui',
    parameters: {
      prompt: literal(positive, 'text', 'string'), negativePrompt: literal(negative, 'text', 'string'),
      steps: literal(ks, 'steps', 'number'), guidance: literal(ks, 'cfg', 'number'), seed: String(literal(ks, 'seed', 'number')),
      width: literal(latent, 'width', 'number'), height: literal(latent, 'height', 'number'),
      scheduler: ImageParametersService.comfyScheduler(sampler, schedule) ?? null, sampler: `${sampler} ${schedule}`,
      ...(model ? { model } : {}),
    },
  };
}

function parseGraph(text: string): ComfyGraph {
  let graph: unknown;
  try {
    graph = JSON.parse(text);
  } catch (err) {
    throw new StudioError('image/comfyui-bad-graph', `The image's ComfyUI "prompt" text is not JSON (${(err as Error).message}); re-save it from ComfyUI.`, {});
  }
  const ok = graph !== null && typeof graph === 'object' && !Array.isArray(graph)
    && Object.values(graph).every((n) => n !== null && typeof n === 'object' && typeof (n as ComfyNode).class_type === 'string' && typeof (n as ComfyNode).inputs === 'object');
  if (!ok) throw new StudioError('image/comfyui-bad-graph', 'The image\'s ComfyUI "prompt" text is not a graph of {class_type, inputs} nodes; re-save it from ComfyUI.', {});
  return graph as ComfyGraph;
}

/** A widget value; a value wired from another node (a Primitive, a random-seed node) is not plain. */
function literalInput<T extends 'string' | 'number'>(graph: ComfyGraph, inputs: Record<string, unknown>, name: string, type: T): T extends 'string' ? string : number {
  const v = inputs[name];
  if (Array.isArray(v)) {
    const from = graph[String(v[0])]?.class_type ?? `node ${String(v[0])}`;
    throw notPlain(`input "${name}" is wired from ${from}`, from);
  }
  if (typeof v !== type || (type === 'number' && !Number.isFinite(v))) throw notPlain(`input "${name}" is not a ${type}`, name);
  return v as T extends 'string' ? string : number;
}

function notPlain(why: string, found: string): StudioError {
  return new StudioError('image/comfyui-not-plain', `This ComfyUI graph is not a plain txt2img graph (${why}); copy the values by hand.`, { found });
}

function noParameters(meta: PngMetadata): StudioError {
  const keys = Object.keys(meta.texts);
  return new StudioError(
    'image/no-parameters',
    `The dropped PNG carries no generation parameters (no "parameters", "latent-studio" or ComfyUI "prompt" text${keys.length ? `; its text chunks: ${keys.join(', ')}` : '; it has no text chunks'}). Drop a PNG saved by Latent Studio, WebUI or ComfyUI.`,
    { keywords: keys.join(',') },
  );
}
