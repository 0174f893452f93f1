// `npm run bench:float16`: how long the float32 ↔ float16 conversions the engine does per generation take,
// on the tensors it converts (latents in, noise prediction out each step; text embeddings; the image).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { float16ToFloat32, float32ToFloat16 } from '../src-main/engine/float16.js';

const CASES: [string, number][] = [
  ['U-Net sample, 512² batch 2 [2,4,64,64]', 2 * 4 * 64 * 64],
  ['text embeddings [2,77,768]', 2 * 77 * 768],
  ['U-Net sample, 1024² batch 2 [2,4,128,128]', 2 * 4 * 128 * 128],
  ['decoded image 512² [1,3,512,512]', 3 * 512 * 512],
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(fn: () => void, runs = 41): number {
  for (let i = 0; i < 5; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return median(t);
}

process.stdout.write(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}; node ${process.version}; ${new Date().toISOString().slice(0, 10)}\n`);
process.stdout.write('| tensor | elements | float32 → float16 (ms) | float16 → float32 (ms) | Melem/s (→16 / →32) |\n| --- | --- | --- | --- | --- |\n');
for (const [name, n] of CASES) {
  const src = Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 3);
  const half = new Uint16Array(n);
  const back = new Float32Array(n);
  const to16 = time(() => float32ToFloat16(src, half));
  const to32 = time(() => float16ToFloat32(half, back));
  process.stdout.write(`| ${name} | ${n} | ${to16.toFixed(3)} | ${to32.toFixed(3)} | ${(n / to16 / 1e3).toFixed(0)} / ${(n / to32 / 1e3).toFixed(0)} |\n`);
}
