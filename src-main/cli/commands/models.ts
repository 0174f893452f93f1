// `latent-studio models pull|list|verify|rm|import|convert-fp16`: the model manager from the command line.
// Flags are validated here; the work is the model service's (the same one the app uses). stdout carries results only (the snapshot path, or JSON);
// progress (a bar on a terminal) and notes go to stderr.
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { StudioError } from '../../../src-shared/errors.js';
import { MIRROR_CHOICES, ModelService, formatBytes, type MirrorChoice, type PullProgress } from '../../services/models.js';
import { APP_VERSION, resolveAppPaths } from '../../services/app-paths.js';
import { getCliSignal } from '../signal.js';
import { collect, parseIntFlag, printJson } from '../usage.js';

interface PullFlags {
  revision?: string;
  endpoint: string[];
  mirror?: MirrorChoice;
  cacheDir?: string;
  include: string[];
  connections?: string;
  token?: string;
  json?: boolean;
}

interface CacheFlags {
  revision?: string;
  cacheDir?: string;
  json?: boolean;
}

/** The model service for one command: this host's version and data folder, the environment's cache. */
const service = () => new ModelService({ appVersion: APP_VERSION, dataDir: resolveAppPaths().home });

export function registerModelsCommands(program: Command): void {
  const models = program.command('models').description('download ONNX Stable Diffusion models into the Hugging Face cache and manage them');

  models
    .command('pull')
    .description('download a model (hub repository id, catalog id, or ModelScope id); prints the snapshot folder')
    .argument('<repo>', 'e.g. stable-diffusion-v1-5/stable-diffusion-v1-5 or a catalog id')
    .option('--revision <rev>', 'branch, tag or commit (default: the catalog revision, else main)')
    .option('--endpoint <url>', 'hub endpoint URL; repeat to fail over in order (modelscope:URL for a ModelScope API)', collect, [])
    .addOption(new Option('--mirror <name>', 'a known source; auto probes them and takes the first healthy one').choices(MIRROR_CHOICES))
    .option('--cache-dir <dir>', 'hub cache folder (default: HF_HUB_CACHE, HF_HOME/hub, ~/.cache/huggingface/hub)')
    .option('--include <glob>', 'only files matching this glob (huggingface_hub fnmatch); repeatable', collect, [])
    .option('--connections <n>', 'most parallel connections per file (default 8; starts with 1 and adds more while the line limits the speed)')
    .option('--token <token>', 'hub token for gated or private models (default: HF_TOKEN)')
    .option('--json', 'print one JSON object {repo, revision, commit, path, files, bytes, seconds}')
    .action(async (repo: string, flags: PullFlags) => {
      const connections = parseIntFlag('--connections', flags.connections, { min: 1, max: 64 });
      const bar = new PullBar(process.stderr);
      const result = await service().pull(
        repo,
        {
          revision: flags.revision,
          endpoints: flags.endpoint.length ? flags.endpoint : undefined,
          mirror: flags.mirror,
          cacheDir: flags.cacheDir,
          include: flags.include.length ? flags.include : undefined,
          connections,
          token: flags.token,
        },
        { signal: getCliSignal(), onProgress: (e) => bar.update(e) },
      );
      bar.done();
      const { revision, commit, files, bytes, seconds } = result;
      if (flags.json) {
        printJson({ repo: result.repo, revision, commit, path: result.path, files, bytes, seconds: Math.round(seconds * 1000) / 1000 });
        return;
      }
      const fetched = result.downloadedBytes ? `${formatBytes(result.downloadedBytes)} downloaded` : 'already cached';
      process.stderr.write(`${result.repo}@${revision} (${commit.slice(0, 12)}): ${files} files, ${formatBytes(bytes)}, ${fetched} in ${seconds.toFixed(1)} s\n`);
      process.stdout.write(`${result.path}\n`);
    });

  models
    .command('list')
    .description('models in the hub cache (and imported folders)')
    .option('--cache-dir <dir>', 'hub cache folder')
    .option('--json', 'print a JSON array')
    .action(async (flags: CacheFlags) => {
      const models = service();
      const list = await models.list(flags.cacheDir);
      if (flags.json) {
        printJson(list);
        return;
      }
      if (list.length === 0) process.stderr.write(`No models in ${models.cacheDirOf(flags.cacheDir)}.\n`);
      for (const m of list) {
        for (const r of m.revisions.length ? m.revisions : [undefined]) {
          const refs = r?.refs.length ? r.refs.join(',') : r?.commit ? '-' : '';
          const state = !r ? 'partial download only' : r.onnx ? 'onnx' : `not usable: missing ${r.missing.join(', ')}`;
          process.stdout.write(`${m.repo}\t${refs}\t${r?.commit.slice(0, 12) ?? ''}\t${formatBytes(r?.bytes ?? m.sizeOnDisk)}\t${state}\t${r?.path ?? m.path}\n`);
        }
      }
    });

  models
    .command('verify')
    .description('re-hash what is on disk against the hub hashes (exits 1 on any mismatch)')
    .argument('<repo>', 'org/name')
    .option('--revision <rev>', 'only this revision (default: every cached snapshot)')
    .option('--cache-dir <dir>', 'hub cache folder')
    .action(async (repo: string, flags: CacheFlags) => {
      const report = await service().verify(repo, { revision: flags.revision, cacheDir: flags.cacheDir, signal: getCliSignal() });
      for (const p of report.problems) process.stderr.write(`${p.problem}: ${p.path} (${p.detail})\n`);
      if (report.unchecked.length) process.stderr.write(`no hash known for ${report.unchecked.length} file(s); sizes only: ${report.unchecked.join(', ')}\n`);
      if (report.problems.length) {
        const list = report.problems.map((p) => `${p.path} (${p.problem})`).join(', ');
        throw new StudioError('hub/verify-failed', `${report.problems.length} of ${report.files} files of ${repo} failed verification: ${list}. Pull it again to repair.`, { repo, failed: report.problems.length });
      }
      process.stdout.write(`${repo}: ${report.ok} files verified (${formatBytes(report.bytes)}) in ${report.commits.map((c) => c.slice(0, 12)).join(', ')}\n`);
    });

  models
    .command('rm')
    .description('remove a model (or one revision) from the cache; blobs other snapshots use are kept')
    .argument('<repo>', 'org/name, or local:<name> to forget an imported folder')
    .option('--revision <rev>', 'only this revision')
    .option('--cache-dir <dir>', 'hub cache folder')
    .action(async (repo: string, flags: CacheFlags) => {
      const r = await service().remove(repo, { revision: flags.revision, cacheDir: flags.cacheDir });
      process.stdout.write(`${repo}: removed${flags.revision ? ` ${flags.revision}` : ''} (${formatBytes(r.freedBytes)} freed)\n`);
    });

  models
    .command('import')
    .description('register a local ONNX model folder without copying it')
    .argument('<dir>', 'the model folder')
    .option('--name <name>', 'display name (default: the folder name)')
    .action(async (dir: string, flags: { name?: string }) => {
      const m = await service().importFolder(dir, { name: flags.name });
      process.stdout.write(`${m.id}\t${m.path}\n`);
    });

  models
    .command('convert-fp16')
    .description('write a float16 copy of a float32 ONNX model folder (for GPU providers); prints the new folder')
    .argument('<dir>', 'the float32 model folder')
    .argument('<out>', 'the new folder (must not be <dir>)')
    .action(async (dir: string, out: string) => {
      const reports = await service().convertFp16(dir, out);
      for (const [part, r] of Object.entries(reports)) {
        process.stderr.write(`${part}: ${r.tensors} tensors to float16 (${r.clamped} values clamped to ±65504), ${r.casts} casts, ${r.keptFloat32} inputs kept float32\n`);
      }
      process.stdout.write(`${path.resolve(out)}\n`);
    });
}

/** One redrawn line on a terminal: percent, bytes, speed, ETA, current file. Notes print on their own line. */
class PullBar {
  private readonly tty: boolean;
  private last = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.tty = !!stream.isTTY;
  }

  update(e: PullProgress): void {
    if (e.message && (e.message.includes('retrying') || e.message.includes('using') || e.message.includes('cached snapshot'))) {
      this.stream.write(`${this.drawn ? '\r\x1b[K' : ''}${e.message}\n`);
      this.drawn = false;
    }
    if (!this.tty || e.phase !== 'downloading' || e.totalBytes === 0) return;
    const now = Date.now();
    if (now - this.last < 100 && e.bytes < e.totalBytes) return;
    this.last = now;
    const frac = Math.min(1, e.bytes / e.totalBytes);
    const width = 24;
    const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
    const eta = e.eta === null ? '--:--' : `${Math.floor(e.eta / 60)}:${String(Math.floor(e.eta % 60)).padStart(2, '0')}`;
    const file = e.file ? ` ${e.file.path}` : '';
    this.stream.write(`\r${bar} ${(frac * 100).toFixed(0).padStart(3)}% ${formatBytes(e.bytes)}/${formatBytes(e.totalBytes)} ${formatBytes(e.speed)}/s ETA ${eta} [${e.filesDone}/${e.filesTotal}]${file}\x1b[K`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.stream.write('\n');
  }
}
