// `latent-studio generate`: flags → engine request → images on disk (+ gallery) → result on stdout.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { RngSource } from '../../../src-shared/generation-params.js';
import { StudioError } from '../../../src-shared/errors.js';
import { Engine } from '../../engine/pipeline/index.js';
import { EP_NAMES, parseEp } from '../../engine/runtime/providers.js';
import { parseSeed, randomSeed } from '../../engine/rng/index.js';
import { listSchedulers } from '../../engine/schedulers/index.js';
import { readNpyFloat32, writeNpy } from '../../engine/npy.js';
import { getCliSignal } from '../main.js';
import { ProgressBar } from '../progress-bar.js';
import { parseFloatFlag, parseIntFlag, printJson, usageError } from '../usage.js';
import { saveGenerated } from './generate-save.js';

interface GenerateFlags {
  model: string; prompt: string; negative?: string; steps?: string; guidance?: string; seed?: string;
  scheduler?: string; width?: string; height?: string; batch?: string; ep: string; out?: string; raw?: string;
  latents?: string; json?: boolean; rng: string; lowMemory?: boolean; threads?: string;
  gallery: boolean; watermark: boolean;
}

const RNG_SOURCES: RngSource[] = ['torch-cpu', 'torch-cpu-scalar', 'philox'];

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('text to image with a Stable Diffusion ONNX model folder')
    .requiredOption('--model <dir>', 'model folder (diffusers ONNX layout)')
    .requiredOption('--prompt <text>', 'what to draw')
    .option('--negative <text>', 'negative prompt', '')
    .option('--steps <n>', 'denoising steps (default 50; the model family\'s for Turbo/LCM)')
    .option('--guidance <g>', 'classifier-free guidance scale (default 7.5); ≤ 1 disables it')
    .option('--seed <n>', 'seed, any integer torch accepts (default: random, reported)')
    .option('--scheduler <id>', `scheduler: ${listSchedulers().map((s) => s.id).join('|')} (default: the model's own)`)
    .option('--width <w>', 'image width, multiple of 8 (default: the model\'s native size)')
    .option('--height <h>', 'image height, multiple of 8')
    .option('--batch <n>', 'images per run', '1')
    .addOption(new Option('--ep <name>', 'execution provider').choices([...EP_NAMES]).default('auto'))
    .option('--out <file.png>', 'also write the image(s) here (FILE-<i>.png for a batch)')
    .option('--raw <file.npy>', 'write the decoded images as float32 NHWC [0,1] .npy')
    .option('--latents <file.npy>', 'read the initial latents from this .npy instead of drawing them')
    .addOption(new Option('--rng <source>', 'noise generator').choices(RNG_SOURCES).default('torch-cpu'))
    .option('--low-memory', 'release the text encoder and VAE between uses')
    .option('--threads <n>', 'onnxruntime intra-op threads (default: all cores)')
    .option('--no-gallery', 'do not save into the gallery')
    .option('--no-watermark', 'do not embed the invisible watermark')
    .option('--json', 'print one JSON object with parameters, seed, outputs, provider and timings')
    .action(async (flags: GenerateFlags) => runGenerate(flags));
}

async function runGenerate(flags: GenerateFlags): Promise<void> {
  const steps = parseIntFlag('--steps', flags.steps, { min: 1, max: 1000 });
  const guidance = parseFloatFlag('--guidance', flags.guidance);
  const width = parseIntFlag('--width', flags.width, { min: 64, max: 2048 });
  const height = parseIntFlag('--height', flags.height, { min: 64, max: 2048 });
  const batch = parseIntFlag('--batch', flags.batch, { min: 1, max: 64 })!;
  const threads = parseIntFlag('--threads', flags.threads, { min: 1, max: 256 });
  for (const [flag, v] of [['--width', width], ['--height', height]] as const) {
    if (v !== undefined && v % 8 !== 0) throw usageError(`${flag} must be a multiple of 8, got ${v}.`, { flag, value: v });
  }
  if (flags.scheduler && !listSchedulers().some((s) => s.id === flags.scheduler)) {
    throw new StudioError('engine/unknown-scheduler', `Unknown scheduler "${flags.scheduler}". Choose one of: ${listSchedulers().map((s) => s.id).join(', ')}.`, { value: flags.scheduler });
  }
  const seed = flags.seed !== undefined ? parseSeed(flags.seed) : randomSeed();
  const initialLatents = flags.latents ? (await readNpyFloat32(flags.latents)).data : undefined;
  const signal = getCliSignal();

  const engine = new Engine({ ep: parseEp(flags.ep), lowMemory: flags.lowMemory, threads });
  const bar = new ProgressBar('generating');
  if (!flags.json) process.stderr.write(`seed ${seed}\n`);
  try {
    const model = await engine.load(flags.model);
    const family = model.folder.defaults;
    const result = await engine.generate(
      flags.model,
      {
        prompt: flags.prompt, negativePrompt: flags.negative, steps: steps ?? family.steps, guidance: guidance ?? family.guidance,
        seed, rngSource: flags.rng as RngSource, scheduler: flags.scheduler, width, height, batchSize: batch, initialLatents,
      },
      { signal, onStep: (e) => bar.update(e.step, e.total, `t=${Math.round(e.timestep)} ${(e.elapsedMs / 1000).toFixed(1)}s`) },
    );
    bar.done();
    for (const s of result.skipped) if (!flags.json) process.stderr.write(`skipped ${s.ep}: ${s.reason}\n`);

    const saved = await saveGenerated(result, flags, seed);
    const pngs: string[] = [];
    if (flags.out) {
      const files = outNames(flags.out, result.images.length);
      for (let i = 0; i < files.length; i++) {
        await writeFile(files[i], saved.pngBytes[i]);
        pngs.push(path.resolve(files[i]));
      }
    }
    if (flags.raw) {
      const img0 = result.images[0];
      const all = new Float32Array(result.images.length * img0.float.length);
      result.images.forEach((img, i) => all.set(img.float, i * img0.float.length));
      await writeNpy(flags.raw, 'float32', [result.images.length, img0.height, img0.width, 3], all);
    }
    const t = result.timings;
    const summary = {
      parameters: {
        model: model.folder.dir, prompt: flags.prompt, negative: flags.negative ?? '', steps: result.steps, guidance: result.guidance,
        scheduler: result.scheduler, width: result.width, height: result.height, batch, rng: flags.rng,
        latents: flags.latents ? path.resolve(flags.latents) : null,
      },
      seed: seed.toString(),
      outputs: { png: pngs, raw: flags.raw ? path.resolve(flags.raw) : null, gallery: saved.galleryIds },
      ep: result.ep,
      skippedProviders: result.skipped.map(({ ep, reason }) => ({ ep, reason })), // the public {ep, reason}; detail is for the log
      timings: {
        tokenize: round(t.tokenizeMs), textEncoder: round(t.textEncoderMs), unetSteps: t.unetStepsMs.map(round),
        vaeDecode: round(t.vaeDecodeMs), total: round(t.totalMs), onnxruntime: round(t.ortMs),
      },
    };
    if (flags.json) printJson(summary);
    else {
      for (const p of pngs) process.stdout.write(`${p}\n`);
      process.stderr.write(`${result.images.length} image(s) in ${(t.totalMs / 1000).toFixed(1)} s on ${result.ep}\n`);
    }
  } finally {
    await engine.unload();
  }
}

function outNames(out: string, count: number): string[] {
  if (count === 1) return [out];
  const ext = path.extname(out) || '.png';
  const stem = out.slice(0, out.length - path.extname(out).length);
  return Array.from({ length: count }, (_, i) => `${stem}-${i}${ext}`);
}

const round = (ms: number) => Math.round(ms * 100) / 100;
