// Shared set-up for the hub tests: throwaway folders, and pull options that point at a fake hub with
// short backoff, small blocks and an isolated environment (no real token, cache or proxy leaks in).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PullOptions, PullProgress } from '../../src-main/hub/index.js';

export interface Sandbox {
  dir: string;
  cacheDir: string;
  /** The Latent Studio data folder (also LATENT_STUDIO_HOME in `env`). */
  dataDir: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

export function sandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ls-hub-'));
  const env: NodeJS.ProcessEnv = {
    HOME: dir,
    HF_HOME: path.join(dir, 'hf-home'),
    LATENT_STUDIO_HOME: path.join(dir, 'data'),
    PATH: process.env.PATH,
  };
  return { dir, cacheDir: path.join(dir, 'hub'), dataDir: path.join(dir, 'data'), env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Pull options for tests: fake endpoints, 64 KiB blocks above 128 KiB, millisecond backoff. */
export function fastOptions(box: Sandbox, endpoints: string[], extra: Partial<PullOptions> = {}): PullOptions {
  return {
    appVersion: 'test',
    dataDir: box.dataDir,
    endpoints,
    cacheDir: box.cacheDir,
    env: box.env,
    parallelThreshold: 128 * 1024,
    blockSize: 64 * 1024,
    retry: { baseMs: 5, maxMs: 40, tries: 4 },
    timeouts: { bodyIdleMs: 3000, headersMs: 3000, connectMs: 2000, probeMs: 500 },
    ...extra,
  };
}

export function collectProgress(): { events: PullProgress[]; onProgress: (e: PullProgress) => void; messages: () => string[] } {
  const events: PullProgress[] = [];
  return { events, onProgress: (e) => events.push(e), messages: () => events.flatMap((e) => (e.message ? [e.message] : [])) };
}
