// `npm run bench:residency [-- --model DIR] [--size 64] [--steps 3] [--repeat 3] [--scheduler euler]`
// WebGPU only: what keeping data on the device saves per step. Three ways of running the same generation,
// alternating so machine noise hits each alike: everything through the CPU every step; the text embeddings
// uploaded once (residentContext); and also the latents kept on the device, guidance and the scheduler
// step run there (residentLatents). Reports seconds per step (the denoising loop's time over its steps,
// median over runs) and the difference in the final latents.
// Default model: the tiny fixture (on SwiftShader in CI machines); pass --model for the full-size synthetic
// model on a real GPU. Needs VK_ICD_FILENAMES / XDG_RUNTIME_DIR set where the Vulkan driver needs them.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { LoadedModel, txt2img, type GenerateResult } from '../src-main/engine/pipeline/index.js';
import { fixture } from '../test/helpers/fixtures.js';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string' },
    size: { type: 'string', default: '64' },
    steps: { type: 'string', default: '3' },
    repeat: { type: 'string', default: '3' },
    scheduler: { type: 'string', default: 'euler' },
  },
});

const MODES = [
  { name: 'through the CPU every step', residentContext: false, residentLatents: false },
  { name: 'text embeddings resident', residentContext: true, residentLatents: false },
  { name: 'embeddings + latents resident (step on GPU)', residentContext: true, residentLatents: true },
] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = args.model ?? fixture('diffusers-tiny', 'model');
const size = Number(args.size);
const request = { prompt: 'a photograph of an astronaut riding a horse', steps: Number(args.steps), guidance: 7.5, seed: 42n, width: size, height: size, scheduler: args.scheduler };

const models = [];
for (const m of MODES) models.push(await LoadedModel.load(dir, { ep: 'webgpu', residentContext: m.residentContext, residentLatents: m.residentLatents }));
// One warm-up each: shader compilation and first allocations are not what is measured.
for (const model of models) await txt2img(model, { ...request, steps: 1 });
const perStep: number[][] = MODES.map(() => []);
const results: GenerateResult[] = [];
for (let r = 0; r < Math.max(1, Number(args.repeat)); r++) {
  for (let i = 0; i < MODES.length; i++) {
    const res = await txt2img(models[i], request);
    // The mean, not the median: on the GPU a step returns once queued and the last one waits for the rest.
    perStep[i].push(res.timings.unetStepsMs.reduce((a, b) => a + b, 0) / res.timings.unetStepsMs.length / 1000);
    results[i] = res;
  }
}
console.log(`bench:residency: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${new Date().toISOString()}, model ${dir}, ${size}×${size}, ${request.steps} steps, ${request.scheduler}, guidance 7.5, ${perStep[0].length} runs`);
console.log('| mode | latents on device | s/step (median of runs) | vs through the CPU | runs (s/step) |');
console.log('| --- | --- | --- | --- | --- |');
for (let i = 0; i < MODES.length; i++) {
  const m = median(perStep[i]);
  console.log(`| ${MODES[i].name} | ${results[i].latentsOnDevice} | ${m.toFixed(3)} | ${(median(perStep[0]) / m).toFixed(3)}× | ${perStep[i].map((s) => s.toFixed(3)).join(', ')} |`);
}
let diff = 0;
for (let k = 0; k < results[0].latents.length; k++) diff = Math.max(diff, Math.abs(results[2].latents[k] - results[0].latents[k]));
console.log(`final latents, resident vs through the CPU: max |Δ| ${diff.toExponential(2)}`);
for (const model of models) await model.release();
