// `latent-studio generate`: a host over the one generation path. Flags become the contract's generate.start
// request (numbers coerced by the contract's schema, so limits and defaults are written once), the job
// service runs and saves it, and this file only writes the files asked for and the result on stdout.
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { generateStartFromTextSchema, parseRequest, type OpParsed } from '../../../src-shared/contract/index.js';
import { StudioError } from '../../../src-shared/errors.js';
import { RNG_SOURCES } from '../../../src-shared/generation-params.js';
import { readNpyFloat32, writeNpy } from '../../engine/npy.js';
import { EP_NAMES, parseEp } from '../../engine/runtime/index.js';
import { listSchedulers } from '../../engine/schedulers/index.js';
import { resolveAppPaths } from '../../services/app-paths.js';
import { Logger, logFilePath } from '../../services/log.js';
import { Studio } from '../../services/studio.js';
import { ProgressBar } from '../progress-bar.js';
import { getCliSignal } from '../signal.js';
import { parseIntFlag, printJson } from '../usage.js';
import { THREADS_MAX } from '../../../src-shared/contract/limits.js';

interface GenerateFlags {
  model: string; prompt: string; negative?: string; steps?: string; guidance?: string; seed?: string;
  scheduler?: string; width?: string; height?: string; batch?: string; ep: string; out?: string; raw?: string;
  latents?: string; json?: boolean; rng: string; lowMemory?: boolean; threads?: string;
  gallery: boolean; watermark: boolean; verbose?: boolean; timeline?: string;
}

/** Request field → the flag that sets it, for error messages in the CLI's own words. */
const FLAG_OF: Record<string, string> = {
  prompt: '--prompt', negativePrompt: '--negative', steps: '--steps', guidance: '--guidance', seed: '--seed',
  width: '--width', height: '--height', scheduler: '--scheduler', batch: '--batch', rng: '--rng',
};

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
    .addOption(new Option('--rng <source>', 'noise generator').choices([...RNG_SOURCES]).default('torch-cpu'))
    .option('--low-memory', 'release the text encoder and VAE between uses')
    .option('--threads <n>', 'onnxruntime intra-op threads (default: all cores)')
    .option('--no-gallery', 'do not save into the gallery')
    .option('--no-watermark', 'do not embed the invisible watermark')
    .option('--json', 'print one JSON object with parameters, seed, outputs, provider and timings')
    .option('--timeline <dir>', 'also write every step (timeline.json, x_t.npy, x0.npy; docs/timeline-format.md) into this new folder')
    .option('--verbose', "also print the job's log lines and onnxruntime's own warnings (always in the log file)")
    .action(async (flags: GenerateFlags) => runGenerate(flags));
}

/** The flags as the contract's request (model as given: the caller maps the folder to its id). */
export function requestFromFlags(flags: GenerateFlags, model: string, schedulers: readonly string[]): OpParsed<'generate.start'> {
  const raw = {
    model, prompt: flags.prompt, negativePrompt: flags.negative ?? '', steps: flags.steps, guidance: flags.guidance,
    seed: flags.seed, width: flags.width, height: flags.height, scheduler: flags.scheduler, batch: flags.batch ?? '1', rng: flags.rng,
  };
  const parsed = generateStartFromTextSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? '');
    const flag = FLAG_OF[field] ?? field;
    throw new StudioError('cli/bad-argument', `${flag} ${issue.message}.`, { flag, value: String((raw as Record<string, unknown>)[field] ?? '') });
  }
  // The same checks the router makes (the scheduler list), on the already coerced values.
  return parseRequest('generate.start', parsed.data satisfies OpParsed<'generate.start'> as unknown as Record<string, unknown>, { schedulers }) as OpParsed<'generate.start'>;
}

async function runGenerate(flags: GenerateFlags): Promise<void> {
  const threads = parseIntFlag('--threads', flags.threads, { min: 1, max: THREADS_MAX });
  const paths = resolveAppPaths();
  const logger = new Logger({ file: logFilePath(paths.home), stderrLevel: flags.verbose ? 'debug' : 'silent' });
  const studio = new Studio({
    host: 'cli', paths, logger, verbose: flags.verbose, modelFolders: [flags.model], scanHubCache: false, ep: parseEp(flags.ep), threads, lowMemory: flags.lowMemory,
    watermark: flags.watermark, log: (m) => process.stderr.write(`${m}\n`),
  });
  try {
    const { models } = await studio.models.list();
    const request = requestFromFlags(flags, models[0].id, studio.schedulers().map((s) => s.id));
    if (flags.timeline) await checkNewFolder(flags.timeline);
    const initialLatents = flags.latents ? { data: (await readNpyFloat32(flags.latents)).data, source: flags.latents } : undefined;
    const bar = new ProgressBar('generating');
    if (!flags.json && request.seed != null) process.stderr.write(`seed ${request.seed}\n`);
    const outcome = await studio.jobs.run(request, {
      gallery: flags.gallery,
      timeline: flags.gallery || !!flags.timeline,
      initialLatents,
      signal: getCliSignal(),
      onStep: (e, p) => bar.update(p.step, p.total, `t=${Math.round(e.timestep)} ${(e.elapsedMs / 1000).toFixed(1)}s`),
    });
    bar.done();
    const { result, images, done } = outcome;
    if (flags.timeline && outcome.timeline) await outcome.timeline.finish(path.resolve(flags.timeline), { parameters: { ...images[0]?.params, batchIndex: undefined } });
    if (!flags.json) {
      if (request.seed == null) process.stderr.write(`seed ${done.seed}\n`);
      for (const s of result.skipped) process.stderr.write(`skipped ${s.ep}: ${s.reason}\n`);
    }
    const pngs: string[] = [];
    if (flags.out) {
      const files = outNames(flags.out, images.length);
      for (let i = 0; i < files.length; i++) {
        await writeFile(files[i], images[i].png);
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
        model: result.model.folder.dir, prompt: request.prompt, negative: request.negativePrompt, steps: result.steps, guidance: result.guidance,
        scheduler: result.scheduler, width: result.width, height: result.height, batch: request.batch, rng: request.rng,
        latents: flags.latents ? path.resolve(flags.latents) : null,
      },
      seed: done.seed,
      outputs: {
        png: pngs, raw: flags.raw ? path.resolve(flags.raw) : null, gallery: images.flatMap((img) => (img.id ? [img.id] : [])),
        timeline: flags.timeline ? path.resolve(flags.timeline) : null,
      },
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
    await studio.close();
    logger.close();
  }
}

/** --timeline must name a new or empty folder: checked before the generation, not after it. */
async function checkNewFolder(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw new StudioError('cli/bad-argument', `--timeline ${dir}: ${err.code === 'ENOTDIR' ? 'is a file' : err.message}; name a new folder.`, { flag: '--timeline', value: dir });
  });
  if (entries.length) throw new StudioError('cli/bad-argument', `--timeline ${dir} already holds files; name a new or empty folder.`, { flag: '--timeline', value: dir });
}

function outNames(out: string, count: number): string[] {
  if (count === 1) return [out];
  const ext = path.extname(out) || '.png';
  const stem = out.slice(0, out.length - path.extname(out).length);
  return Array.from({ length: count }, (_, i) => `${stem}-${i}${ext}`);
}

const round = (ms: number) => Math.round(ms * 100) / 100;
