// `npm run bench:download`: the model downloader against the fake hub on loopback, versus curl on the same
// file. (1) a per-connection speed limit: curl, us with 1 connection, us with up to 8 (the default ramp);
// (2) no limit, a file of a few hundred MB: curl, curl | sha256sum, curl then openssl, us (hashing and
// verification included) with the default ramp, with 8 connections from the start and with 1. Medians of
// --runs runs; the fake hub reports how many connections each pull of ours used at once.
// The fake hub runs in a child process so that it does not share our event loop (curl does not either).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { pullModel } from '../src-main/hub/index.js';
import { APP_VERSION } from '../src-main/services/app-paths.js';
import { FakeHub, sdRepoFiles } from '../test/hub/fake-hub.js';

const REPO = 'bench/sd';
const FILE = 'unet/weights.pb';
const MIB = 1 << 20;

interface Served {
  url: string;
  cdnFileUrl: string;
  size: number;
}

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number, got "${process.argv[i + 1]}"`);
  return v;
}

/** Child mode: serve one repository whose weights file has `size` random bytes, at `bps` per connection (0 = no limit). */
async function serve(size: number, bps: number): Promise<void> {
  const files = sdRepoFiles({ unetBytes: 1000 }).map((f) => (f.path === FILE ? { ...f, content: randomBytes(size) } : f));
  const hub = await FakeHub.start([{ id: REPO, revisions: { main: files } }]);
  hub.pageSize = 1000; // a small repository's tree in one page, as on the hub (the tests' 5 exercise pagination)
  if (bps > 0) hub.faults.set('*', { throttleBps: bps });
  const served: Served = { url: hub.url, cdnFileUrl: `${hub.cdnUrl}/cdn/${hub.file(REPO, FILE).sha256}`, size };
  process.stdout.write(`${JSON.stringify(served)}\n`);
  // Each line on stdin asks for the most bodies of the weights sent at once since the last ask.
  createInterface({ input: process.stdin }).on('line', () => {
    process.stdout.write(`${hub.peakConnections(FILE)}\n`);
    hub.stats.peakSending.delete(FILE);
  });
  process.stdin.on('end', () => void hub.close().then(() => process.exit(0)));
}

interface Server {
  served: Served;
  child: ChildProcess;
  /** The most connections the weights were sent on at once since the last call. */
  peak(): Promise<number>;
}

async function startServer(size: number, bps: number): Promise<Server> {
  const runner = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/run-ts.js');
  const child = spawn(process.execPath, [runner, fileURLToPath(import.meta.url), '--serve', String(size), String(bps)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fake hub exited with ${code}`)));
  });
  const peak = () =>
    new Promise<number>((resolve) => {
      lines.once('line', (l) => resolve(Number(l)));
      child.stdin!.write('peak\n');
    });
  return { served: JSON.parse(line) as Served, child, peak };
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.stdin!.end();
  });
}

interface Timing {
  wall: number;
  /** CPU seconds (user + system) of the client, when measurable. */
  cpu?: number;
  /** The most connections the file came over at once (ours only). */
  connections?: number;
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Untimed: write back whatever an earlier run left dirty, so no run pays for another's writes. */
function settleDisk(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}

/** Wall seconds of a shell command (curl), and its CPU seconds through GNU time when installed. */
function timeShell(command: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const argv = GNU_TIME ? [GNU_TIME, '-f', '@cpu %U %S', 'sh', '-c', command] : ['sh', '-c', command];
    const p = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    p.once('exit', (code) => {
      const wall = (performance.now() - t0) / 1000;
      if (code !== 0) return reject(new Error(`${command} exited with ${code}: ${err}`));
      const m = err.match(/@cpu ([\d.]+) ([\d.]+)/);
      resolve({ wall, cpu: m ? Number(m[1]) + Number(m[2]) : undefined });
    });
  });
}

/** curl alone (`-o file`), curl piped into sha256sum, or curl then `openssl dgst -sha256` on the file (download, then verify). */
type CurlMode = 'plain' | 'pipe-sha256sum' | 'then-openssl';

async function timeCurl(served: Served, dir: string, mode: CurlMode): Promise<Timing> {
  const out = path.join(dir, 'curl.bin');
  const get = `curl -sS --fail -o '${out}' '${served.cdnFileUrl}'`;
  const command = mode === 'pipe-sha256sum' ? `curl -sS --fail '${served.cdnFileUrl}' | sha256sum > /dev/null` : mode === 'then-openssl' ? `${get} && openssl dgst -sha256 '${out}' > /dev/null` : get;
  settleDisk();
  const t = await timeShell(command);
  await rm(out, { force: true });
  return t;
}

/** A whole pull of the weights file into a fresh cache: listing, HEAD, download, verify, publish (CPU: every thread). */
async function timePull(server: Server, dir: string, connections: number, startConnections?: number): Promise<Timing> {
  const { served } = server;
  const cacheDir = path.join(dir, 'hub');
  const env = { HOME: dir, HF_HOME: path.join(dir, 'hf-home'), LATENT_STUDIO_HOME: path.join(dir, 'data') };
  settleDisk();
  await server.peak(); // reset the count (untimed: a round trip to the fake hub's process)
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await pullModel(REPO, { appVersion: APP_VERSION, dataDir: env.LATENT_STUDIO_HOME, endpoints: [served.url], cacheDir, env, include: [FILE], connections, startConnections });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (r.bytes !== served.size) throw new Error(`pulled ${r.bytes} bytes, expected ${served.size}`);
  await rm(cacheDir, { recursive: true, force: true });
  return { wall, cpu: (cpu.user + cpu.system) / 1e6, connections: await server.peak() };
}

/**
 * Runs every measurement `runs` times, the order rotated by one each round, so that no client always
 * follows the same one (on this VM a run is a few per cent faster or slower depending on what ran before it).
 */
async function rotated(runs: number, measures: (() => Promise<void>)[]): Promise<void> {
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < measures.length; k++) await measures[(i + k) % measures.length]();
  }
}

/** Per round, base's time over the row's: the row's throughput as a multiple of base's in the same round. */
const paired = (base: Row, row: Row) => row.seconds.map((s, i) => base.seconds[i] / s);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mbps = (size: number, s: number) => size / 1e6 / s;

class Row {
  readonly seconds: number[] = [];
  readonly cpu: number[] = [];
  readonly connections: number[] = [];
  constructor(readonly what: string, readonly size: number) {}

  add(t: Timing): void {
    this.seconds.push(t.wall);
    if (t.cpu !== undefined) this.cpu.push(t.cpu);
    if (t.connections !== undefined) this.connections.push(t.connections);
  }
}

function printRows(title: string, rows: Row[], base: Row): void {
  console.log(`\n${title}`);
  console.log('| client | median s | MB/s | vs curl | CPU s (median) | connections used | runs (s) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const m = median(r.seconds);
    const cpu = r.cpu.length ? median(r.cpu).toFixed(2) : 'n/a';
    const used = r.connections.length ? [...new Set(r.connections)].sort((a, b) => a - b).join('/') : '1';
    console.log(`| ${r.what} | ${m.toFixed(2)} | ${mbps(r.size, m).toFixed(1)} | ${(median(base.seconds) / m).toFixed(2)}× | ${cpu} | ${used} | ${r.seconds.map((s) => s.toFixed(2)).join(', ')} |`);
  }
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const runs = Math.round(flag('runs', 3));
  const bigMiB = flag('size', 384);
  const limitedMiB = flag('limited-size', 24);
  const limitMBps = flag('limit', 4);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ls-bench-download-'));
  console.log(`bench:download: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, ${new Date().toISOString()}, ${runs} runs each, load average ${load()}`);
  try {
    // 1. Per-connection limit.
    const limited = await startServer(limitedMiB * MIB, limitMBps * 1e6);
    const size1 = limited.served.size;
    const curl1 = new Row('curl', size1);
    const one = new Row('latent-studio, 1 connection', size1);
    const eight = new Row('latent-studio, up to 8 connections (default ramp)', size1);
    await rotated(runs, [
      async () => curl1.add(await timeCurl(limited.served, dir, 'plain')),
      async () => one.add(await timePull(limited, dir, 1)),
      async () => eight.add(await timePull(limited, dir, 8)),
    ]);
    await stopServer(limited.child);
    printRows(`Per-connection limit ${limitMBps} MB/s, ${limitedMiB} MiB file`, [curl1, one, eight], curl1);
    const speedup = median(one.seconds) / median(eight.seconds);
    console.log(`8 connections vs 1: ${speedup.toFixed(2)}× (target ≥ 4×)`);

    // 2. No limit, hashing included.
    const free = await startServer(bigMiB * MIB, 0);
    const size2 = free.served.size;
    const curl2 = new Row('curl -o file', size2);
    const curlHash = new Row('curl \\| sha256sum', size2);
    const openssl = hasOpenssl() ? new Row('curl -o file && openssl dgst -sha256 file', size2) : undefined;
    const ours8 = new Row('latent-studio, up to 8 connections, default ramp (SHA-256 verified)', size2);
    const all8 = new Row('latent-studio, 8 connections from the start (SHA-256 verified)', size2);
    const ours1 = new Row('latent-studio, 1 connection (SHA-256 verified)', size2);
    await timeCurl(free.served, dir, 'plain'); // warm-up: page cache, server JIT
    await timePull(free, dir, 8);
    await rotated(runs, [
      async () => curl2.add(await timeCurl(free.served, dir, 'plain')),
      async () => ours8.add(await timePull(free, dir, 8)),
      async () => curlHash.add(await timeCurl(free.served, dir, 'pipe-sha256sum')),
      ...(openssl ? [async () => openssl.add(await timeCurl(free.served, dir, 'then-openssl'))] : []),
      async () => ours1.add(await timePull(free, dir, 1)),
      async () => all8.add(await timePull(free, dir, 8, 8)),
    ]);
    await stopServer(free.child);
    printRows(`No limit, ${bigMiB} MiB file`, [curl2, curlHash, ...(openssl ? [openssl] : []), ours8, all8, ours1], curl2);
    const ratio = median(curl2.seconds) / median(ours8.seconds);
    console.log(`latent-studio (default, up to 8 connections) vs curl: ${ratio.toFixed(2)}× curl's throughput (target ≥ 0.9×); median of the ${runs} paired runs' ratios ${median(paired(curl2, ours8)).toFixed(2)}×; vs curl | sha256sum: ${(median(curlHash.seconds) / median(ours8.seconds)).toFixed(2)}×`);
    for (const r of [all8, ours1]) console.log(`${r.what} vs curl: ${(median(curl2.seconds) / median(r.seconds)).toFixed(2)}×, paired ${median(paired(curl2, r)).toFixed(2)}×`);
    if (openssl) console.log(`vs curl, then openssl dgst -sha256 on the file: ${(median(openssl.seconds) / median(ours8.seconds)).toFixed(2)}×`);
    console.log(`load average at the end: ${load()}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') await serve(Number(process.argv[3]), Number(process.argv[4]));
else await main();
