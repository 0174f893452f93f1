// `latent-studio lab encode|decode|noise|step|tokens`: the Lab's experiments from the command line,
// through the lab service (services/lab.ts) on a model folder. Latents are .npy files as diffusers'
// img2img feeds them (scaled by the VAE factor). stdout carries results only; notes go to stderr.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { LAB_NOISE_FRAMES_MAX, LAB_TIMESTEP_MAX, STEPS_MAX, STEPS_MIN, THREADS_MAX } from '../../../src-shared/contract/limits.js';
import { EP_NAMES, LabBench } from '../../services/lab.js';
import { readImageFile, readLatentsNpy, writeFloatNpy, writeRgbPng } from '../../services/lab-files.js';
import { tokenizeInFolder } from '../../services/prompt.js';
import { parseIntFlag, printJson, usageError } from '../usage.js';

interface EngineFlags { model: string; ep: string; threads?: string; json?: boolean }

function engineOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--model <dir>', 'the model folder (diffusers ONNX layout)')
    .addOption(new Option('--ep <name>', 'execution provider').choices([...EP_NAMES]).default('auto'))
    .option('--threads <n>', 'onnxruntime intra-op threads (default: all cores)')
    .option('--json', 'print one JSON object instead of lines');
}

/** Runs `fn` on a bench of its own, released afterwards. */
async function withBench<T>(flags: EngineFlags, fn: (bench: LabBench) => Promise<T>): Promise<T> {
  const bench = LabBench.standalone({ ep: flags.ep, threads: parseIntFlag('--threads', flags.threads, { min: 1, max: THREADS_MAX }) });
  try {
    return await fn(bench);
  } finally {
    await bench.close();
  }
}

function parseSeedFlag(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^[+-]?\d{1,20}$/.test(value.trim())) throw usageError(`--seed must be a whole number, got "${value}".`, { flag: '--seed', value });
  return BigInt(value.trim());
}

function print(flags: { json?: boolean }, value: Record<string, unknown>, lines: string[]): void {
  if (flags.json) printJson(value);
  else for (const l of lines) process.stdout.write(`${l}\n`);
}

export function registerLabCommands(program: Command): void {
  const lab = program.command('lab').description('experiments that show how diffusion works: VAE round trip, forward noise, one U-Net step, tokens');

  engineOptions(lab.command('encode'))
    .description('encode an image to latents (scaled by the VAE factor, as img2img feeds them)')
    .argument('<image>', 'a PNG, JPEG or WebP file (sides cut down to multiples of 8)')
    .requiredOption('--out <file>', 'where to write the latents (.npy, float32 [1, 4, H/8, W/8])')
    .option('--sample', "sample the posterior (mean + std·randn) as diffusers' img2img does; default: its mean")
    .option('--seed <n>', 'the seed for --sample (torch CPU generator, its first draw)')
    .option('--decoded <file>', 'also write the latents decoded back, as PNG')
    .action(async (image: string, flags: EngineFlags & { out: string; sample?: boolean; seed?: string; decoded?: string }) => {
      const seed = parseSeedFlag(flags.seed);
      if (flags.sample && seed === undefined) throw usageError('--sample needs --seed N (the generator seed).');
      if (!flags.sample && seed !== undefined) throw usageError('--seed only applies with --sample; the mean has no randomness.');
      const bytes = await readImageFile(image);
      const rt = await withBench(flags, (b) => b.encode(flags.model, bytes, { sample: flags.sample, seed }));
      const { shape, latents } = rt.encoded;
      await writeFloatNpy(flags.out, latents, shape);
      if (flags.decoded) await writeRgbPng(flags.decoded, rt.decoded);
      const compression = (3 * rt.image.width * rt.image.height) / latents.length;
      if (rt.image.resizedFrom) process.stderr.write(`note: resized ${rt.image.resizedFrom.width}×${rt.image.resizedFrom.height} to ${rt.image.width}×${rt.image.height} (multiples of 8).\n`);
      print(flags, { out: path.resolve(flags.out), shape, width: rt.image.width, height: rt.image.height, compression, scalingFactor: rt.scalingFactor, sampled: !!flags.sample, seed: seed?.toString() ?? null }, [
        `${path.resolve(flags.out)}`,
        `latents ${shape.join('×')} from ${rt.image.width}×${rt.image.height}×3: ${compression}× fewer values (${flags.sample ? `sampled, seed ${seed}` : 'posterior mean'}, × ${rt.scalingFactor})`,
      ]);
    });

  engineOptions(lab.command('decode'))
    .description('decode latents (.npy as lab encode writes them) to a PNG')
    .argument('<latents>', '.npy float32 [1, 4, h, w], scaled by the VAE factor')
    .requiredOption('--out <file>', 'the PNG to write')
    .action(async (file: string, flags: EngineFlags & { out: string }) => {
      const { latents, shape } = await readLatentsNpy(file);
      const img = await withBench(flags, (b) => b.decode(flags.model, latents, shape));
      await writeRgbPng(flags.out, img);
      print(flags, { out: path.resolve(flags.out), width: img.width, height: img.height }, [path.resolve(flags.out)]);
    });

  engineOptions(lab.command('noise'))
    .description("noise latents to steps of a scheduler's schedule (scheduler.add_noise) and decode each")
    .argument('<latents>', '.npy as lab encode writes them')
    .requiredOption('--steps <list>', `comma-separated indices into the schedule, 0 = the noisiest (at most ${LAB_NOISE_FRAMES_MAX})`)
    .requiredOption('--out-dir <dir>', 'where to write step-<index>.png')
    .option('--scheduler <id>', "the scheduler (default: the model's own; see `latent-studio schedulers`)")
    .option('--num-steps <n>', "the schedule's length, setTimesteps(n) (default: the model's step count)")
    .option('--seed <n>', 'the seed of the noise', '0')
    .action(async (file: string, flags: EngineFlags & { steps: string; outDir: string; scheduler?: string; numSteps?: string; seed: string }) => {
      const steps = flags.steps.split(',').map((s) => parseIntFlag('--steps', s.trim(), { min: 0, max: STEPS_MAX })!);
      if (steps.length > LAB_NOISE_FRAMES_MAX) throw usageError(`--steps names ${steps.length} steps; at most ${LAB_NOISE_FRAMES_MAX}.`);
      const numSteps = parseIntFlag('--num-steps', flags.numSteps, { min: STEPS_MIN, max: STEPS_MAX });
      const { latents, shape } = await readLatentsNpy(file);
      const run = await withBench(flags, (b) => b.noise(flags.model, latents, shape, { scheduler: flags.scheduler, numSteps, steps, seed: parseSeedFlag(flags.seed)! }));
      await mkdir(flags.outDir, { recursive: true });
      const frames = [];
      for (const f of run.frames) {
        const out = path.resolve(flags.outDir, `step-${f.step}.png`);
        await writeRgbPng(out, f.image);
        frames.push({ step: f.step, timestep: f.timestep, sigma: f.sigma, file: out });
      }
      print(flags, { scheduler: run.scheduler, numSteps: run.numSteps, timesteps: run.timesteps, frames },
        [`${run.scheduler}, ${run.numSteps} steps`, ...frames.map((f) => `step ${f.step}  t=${f.timestep}  sigma=${f.sigma.toFixed(4)}  ${f.file}`)]);
    });

  engineOptions(lab.command('step'))
    .description('noise latents to a timestep, run the U-Net once, and show its predicted noise and clean latents')
    .argument('<latents>', '.npy as lab encode writes them')
    .requiredOption('--timestep <t>', `a training timestep, 0 to ${LAB_TIMESTEP_MAX}`)
    .requiredOption('--out-dir <dir>', 'where to write noisy.png, predicted.png, noise.npy (predicted) and predicted-latents.npy')
    .option('--prompt <text>', 'the prompt (default: the empty prompt)', '')
    .option('--seed <n>', 'the seed of the added noise', '0')
    .action(async (file: string, flags: EngineFlags & { timestep: string; outDir: string; prompt: string; seed: string }) => {
      const timestep = parseIntFlag('--timestep', flags.timestep, { min: 0, max: LAB_TIMESTEP_MAX })!;
      const { latents, shape } = await readLatentsNpy(file);
      const run = await withBench(flags, (b) => b.denoiseStep(flags.model, latents, shape, { timestep, prompt: flags.prompt, seed: parseSeedFlag(flags.seed)! }));
      await mkdir(flags.outDir, { recursive: true });
      const out = (name: string) => path.resolve(flags.outDir, name);
      await writeRgbPng(out('noisy.png'), run.noisyImage);
      await writeRgbPng(out('predicted.png'), run.predictedImage);
      await writeFloatNpy(out('noise.npy'), run.result.predictedNoise, shape);
      await writeFloatNpy(out('predicted-latents.npy'), run.result.predictedOriginal, shape);
      const r = run.result;
      print(flags, { timestep: r.timestep, alphaBar: r.alphaBar, sigma: r.sigma, predictionType: r.predictionType, outDir: path.resolve(flags.outDir) },
        [`t=${r.timestep}  alpha_bar=${r.alphaBar.toFixed(6)}  sigma=${r.sigma.toFixed(4)}  prediction: ${r.predictionType}`, path.resolve(flags.outDir)]);
    });

  lab
    .command('tokens')
    .description("a prompt's token ids and pieces, with the 75-token limit marked")
    .argument('<text>', 'the prompt')
    .option('--model <dir>', "use this model folder's tokenizer (default: the bundled SD 1.x tokenizer)")
    .option('--json', 'print {ids, tokens, count, limit, truncated} as JSON')
    .action(async (text: string, flags: { model?: string; json?: boolean }) => {
      const v = await tokenizeInFolder(text, flags.model);
      if (flags.json) {
        printJson(v);
        return;
      }
      for (let i = 0; i < v.ids.length; i++) {
        // ids[0] is bos: content token k sits at index k, so the limit falls after index `limit`, before eos.
        if (i === v.limit + 1 && v.truncated) process.stdout.write(`---- ${v.limit}-token limit: the text encoder ignores what follows ----\n`);
        process.stdout.write(`${v.ids[i]} ${v.tokens[i]}\n`);
      }
      process.stdout.write(`${v.count}/${v.limit}${v.truncated ? ` (${v.count - v.limit} over)` : ''}\n`);
    });
}
