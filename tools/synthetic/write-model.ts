// Writes a whole model folder in one of the layouts real Stable Diffusion ONNX exports use:
// which files exist, where each component's weights go, and the JSON beside them.
//   diffusers  diffusers' converter: OnnxStableDiffusionPipeline, U-Net weights in unet/weights.pb
//   sd2        the same arrangement for SD 2.x, plus unet/ and vae_*/config.json (sample_size 96)
//   optimum    Optimum / onnx-community: ORTStableDiffusionPipeline, model.onnx + model.onnx_data, config.json each
//   ort-turbo  onnxruntime's SD-Turbo exports: self-contained fp16 graphs, Euler ancestral "trailing"
import { copyFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StudioError } from '../../src-shared/errors.js';
import { CONFIGS, type ModelConfig, schedulerConfigJson, textConfigJson, unetConfigJson, vaeConfigJson } from './configs.js';
import { type Graph, countGraphParameters } from './graph-builder.js';
import { type IoContract, type LayoutName, ioContract } from './io-contract.js';
import { PROTOBUF_LIMIT, writeOnnxModel } from './model-writer.js';
import type { ComponentName, ResolvedOptions } from './options.js';
import { initializerByteLength } from './random-fill.js';
import { buildTextEncoder } from './text-encoder.js';
import { buildUnet } from './unet.js';
import { buildVaeDecoder, buildVaeEncoder } from './vae.js';

const TOKENIZER_FILES = ['vocab.json', 'merges.txt', 'special_tokens_map.json', 'tokenizer_config.json'];
const BUNDLED_TOKENIZER = path.join('resources', 'tokenizers', 'clip-vit-large-patch14');

/** Builds one component's graph (no weights are made until it is written). */
export function buildComponent(component: ComponentName, config: ModelConfig, io: IoContract, dtype: ResolvedOptions['dtype']): Graph {
  switch (component) {
    case 'text_encoder': return buildTextEncoder(config.text, io.text, dtype);
    case 'unet': return buildUnet(config.unet, io.unet, dtype);
    case 'vae_decoder': return buildVaeDecoder(config.vae, io.vaeDecoder, dtype);
    case 'vae_encoder': return buildVaeEncoder(config.vae, io.vaeEncoder, dtype);
  }
}

export function contractFor(o: ResolvedOptions): IoContract {
  const config = CONFIGS[o.config];
  return ioContract(o, config.text.hidden, config.vae.latentChannels);
}

/** The external-data file a component's weights go to in a layout, or undefined for inline weights. */
function externalDataFor(layout: LayoutName, component: ComponentName, graph: Graph): string | undefined {
  if (layout === 'optimum') return 'model.onnx_data';
  if ((layout === 'diffusers' || layout === 'sd2') && component === 'unet') return 'weights.pb';
  // Inline everywhere else, unless protobuf's 2 GB limit forbids it (full-size fp32 in an inline layout).
  const bytes = graph.initializers.reduce((s, i) => s + initializerByteLength(i), 0);
  if (bytes < PROTOBUF_LIMIT - 64 * 2 ** 20) return undefined;
  return layout === 'ort-turbo' ? 'model.onnx.data' : 'weights.pb';
}

function modelIndex(layout: LayoutName, config: ModelConfig, components: ComponentName[]): Record<string, unknown> {
  const scheduler = ['diffusers', schedulerConfigJson(config)._class_name];
  const entry = (c: ComponentName): [string, string] => {
    if (layout === 'optimum') return ['optimum', { text_encoder: 'ORTModelTextEncoder', unet: 'ORTModelUnet', vae_decoder: 'ORTModelVaeDecoder', vae_encoder: 'ORTModelVaeEncoder' }[c]];
    return ['diffusers', 'OnnxRuntimeModel'];
  };
  // NOTE: onnxruntime's SD-Turbo folders are not saved by a diffusers ONNX pipeline; the source
  // pipeline's class is our best guess for their model_index.json.
  const className = { diffusers: 'OnnxStableDiffusionPipeline', sd2: 'OnnxStableDiffusionPipeline', optimum: 'ORTStableDiffusionPipeline', 'ort-turbo': 'StableDiffusionPipeline' }[layout];
  const index: Record<string, unknown> = { _class_name: className, _diffusers_version: '0.24.0' };
  if (layout !== 'ort-turbo') Object.assign(index, { feature_extractor: [null, null], requires_safety_checker: false, safety_checker: [null, null] });
  index.scheduler = scheduler;
  index.tokenizer = ['transformers', 'CLIPTokenizer'];
  for (const c of components) index[c] = entry(c);
  return index;
}

/** The bundled CLIP tokenizer folder: the nearest ancestor of this module that holds it. */
function tokenizerSource(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, BUNDLED_TOKENIZER);
    if (existsSync(path.join(candidate, 'vocab.json'))) return candidate;
    if (path.dirname(dir) === dir) {
      throw new StudioError('synthetic/tokenizer-missing', `The bundled tokenizer ${BUNDLED_TOKENIZER} was not found above ${here}; reinstall Latent Studio.`, { file: BUNDLED_TOKENIZER });
    }
  }
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

async function writeTokenizer(dir: string, config: ModelConfig): Promise<void> {
  const src = tokenizerSource();
  const out = path.join(dir, 'tokenizer');
  await mkdir(out, { recursive: true });
  for (const f of TOKENIZER_FILES) await copyFile(path.join(src, f), path.join(out, f));
  if (config.scheduler !== 'pndm') {
    // SD 2.x (and SD-Turbo) tokenizers pad with "!" (id 0) instead of <|endoftext|>.
    for (const f of ['special_tokens_map.json', 'tokenizer_config.json']) {
      const json = JSON.parse(await readFile(path.join(out, f), 'utf8'));
      json.pad_token = '!';
      await writeJson(path.join(out, f), json);
    }
  }
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(p) : (await stat(p)).size;
  }
  return total;
}

export interface WrittenFolder { parameters: Record<string, number>; bytes: number }

/** Writes every file of the layout into `dir` (created if needed). */
export async function writeLayout(dir: string, o: ResolvedOptions, components: ComponentName[]): Promise<WrittenFolder> {
  const config = CONFIGS[o.config];
  const io = contractFor(o);
  await mkdir(dir, { recursive: true });
  await writeJson(path.join(dir, 'model_index.json'), modelIndex(o.layout, config, components));
  await writeJson(path.join(dir, 'scheduler', 'scheduler_config.json'), schedulerConfigJson(config));
  await writeTokenizer(dir, config);
  const parameters: Record<string, number> = {};
  for (const component of components) {
    const graph = buildComponent(component, config, io, o.dtype);
    parameters[component] = countGraphParameters(graph);
    const componentDir = path.join(dir, component);
    await mkdir(componentDir, { recursive: true });
    await writeOnnxModel(graph, {
      file: path.join(componentDir, 'model.onnx'),
      externalData: externalDataFor(o.layout, component, graph),
      seed: o.seed,
      component,
      docString: `Latent Studio synthetic ${o.config} ${component}: random weights, real architecture.`,
    });
    if (o.layout === 'optimum' || o.layout === 'sd2') {
      const json = component === 'text_encoder' ? textConfigJson(config) : component === 'unet' ? unetConfigJson(config) : vaeConfigJson(config);
      if (o.layout === 'optimum' || component !== 'text_encoder') await writeJson(path.join(componentDir, 'config.json'), json);
    }
  }
  return { parameters, bytes: await folderBytes(dir) };
}
