// `npm run bench [-- --ep cpu|webgpu] [--sizes 256,512] [--steps 8] [--repeat 1] [--dtype float32|float16] [--low-memory] [--timeline]`
// Builds (once, cached) the full-size synthetic SD 1.5 model and measures txt2img: seconds per step,
// total, peak RSS, and the pipeline's overhead against bare onnxruntime sessions doing the same calls.
// Each measurement runs in its own child process so RSS and allocator state do not leak between them.
// --timeline adds a pipeline run that records every step and writes the timeline folder, and its cost.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    ep: { type: 'string', default: 'cpu' },
    sizes: { type: 'string', default: '256,512' },
    steps: { type: 'string', default: '8' },
    repeat: { type: 'string', default: '1' },
    dtype: { type: 'string' },
    'low-memory': { type: 'boolean', default: false },
    timeline: { type: 'boolean', default: false },
    config: { type: 'string', default: 'sd15' },
    child: { type: 'string' },
    model: { type: 'string' },
    size: { type: 'string' },
  },
});

if (args.child) {
  const { runChild } = await import('./generate-child.js');
  await runChild(args.child as 'bare' | 'pipeline' | 'timeline', {
    model: args.model!, ep: args.ep!, size: Number(args.size), steps: Number(args.steps), lowMemory: !!args['low-memory'],
  });
} else {
  await runParent();
}

async function runParent(): Promise<void> {
  const { ensureSyntheticModel } = await import('../tools/synthetic/index.js');
  const dtype = (args.dtype ?? (args.ep === 'cpu' ? 'float32' : 'float16')) as 'float32' | 'float16';
  process.stderr.write(`building/reusing synthetic ${args.config} ${dtype} model…\n`);
  const t0 = Date.now();
  const info = await ensureSyntheticModel({ config: args.config as 'sd15', dtype });
  process.stderr.write(`model at ${info.dir} (${(info.bytes / 2 ** 30).toFixed(2)} GiB, ${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  const rows: Record<string, string | number>[] = [];
  for (const size of args.sizes!.split(',').map(Number)) {
    // bare and pipeline alternate, so machine noise hits both alike; each figure is the median over repeats
    const bares: ChildResult[] = [];
    const pipes: ChildResult[] = [];
    const timelines: ChildResult[] = [];
    for (let i = 0; i < Math.max(1, Number(args.repeat)); i++) {
      bares.push(child('bare', info.dir, size));
      pipes.push(child('pipeline', info.dir, size));
      if (args.timeline) timelines.push(child('timeline', info.dir, size));
    }
    const bare = medianResult(bares);
    const pipe = medianResult(pipes);
    const stepRatio = pipe.unetStepMs / bare.unetStepMs;
    rows.push({
      size: `${size}x${size}`,
      ep: args.ep!,
      dtype,
      steps: Number(args.steps),
      repeats: bares.length,
      'low-memory': args['low-memory'] ? 'yes' : 'no',
      's/step (pipeline, median)': (pipe.unetStepMs / 1000).toFixed(2),
      's/step (bare ORT, median)': (bare.unetStepMs / 1000).toFixed(2),
      'step ratio': stepRatio.toFixed(3),
      'total s (pipeline)': (pipe.totalMs / 1000).toFixed(1),
      'total s (bare ORT)': (bare.totalMs / 1000).toFixed(1),
      'end-to-end ratio': (pipe.totalMs / bare.totalMs).toFixed(3),
      'overhead % (wall − ORT)': (((pipe.totalMs - pipe.ortMs) / pipe.totalMs) * 100).toFixed(2),
      'peak RSS GB (pipeline)': (pipe.peakRssBytes / 1e9).toFixed(2),
      'peak RSS GB (bare)': (bare.peakRssBytes / 1e9).toFixed(2),
      ...(timelines.length ? timelineColumns(pipe, medianResult(timelines)) : {}),
    });
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(`\nmachine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${new Date().toISOString().slice(0, 10)}\n`);
  const keys = Object.keys(rows[0] ?? {});
  process.stdout.write(`| ${keys.join(' | ')} |\n| ${keys.map(() => '---').join(' | ')} |\n`);
  for (const r of rows) process.stdout.write(`| ${keys.map((k) => r[k]).join(' | ')} |\n`);
}

interface ChildResult { unetStepMs: number; totalMs: number; ortMs: number; peakRssBytes: number; writeMs?: number }

/** The timeline's cost: total with capture and the folder written, against the same pipeline without. */
function timelineColumns(pipe: ChildResult, tl: ChildResult): Record<string, string> {
  return {
    'total s (with timeline)': (tl.totalMs / 1000).toFixed(1),
    'timeline write ms': (tl.writeMs ?? 0).toFixed(0),
    'timeline cost %': (((tl.totalMs - pipe.totalMs) / pipe.totalMs) * 100).toFixed(2),
  };
}

function medianResult(rs: ChildResult[]): ChildResult {
  const med = (k: 'unetStepMs' | 'peakRssBytes') => [...rs.map((r) => r[k])].sort((a, b) => a - b)[Math.floor(rs.length / 2)];
  // overhead is computed per run (wall − ORT of the same run), so keep the run whose total is the median
  const mid = [...rs].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(rs.length / 2)];
  return { unetStepMs: med('unetStepMs'), totalMs: mid.totalMs, ortMs: mid.ortMs, peakRssBytes: med('peakRssBytes'), writeMs: mid.writeMs };
}

function child(mode: 'bare' | 'pipeline' | 'timeline', model: string, size: number): ChildResult {
  const argv = [path.join(here, '../bin/run-ts.js'), path.join(here, 'generate.ts'), '--child', mode, '--model', model, '--ep', args.ep!, '--size', String(size), '--steps', args.steps!];
  if (args['low-memory']) argv.push('--low-memory');
  process.stderr.write(`${mode} ${size}×${size}…\n`);
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode} child failed (${r.status})`);
  const line = r.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as ChildResult;
}
