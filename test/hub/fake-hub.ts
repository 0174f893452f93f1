// A fake Hugging Face hub on 127.0.0.1 that speaks the protocol of hub-protocol.md §2: repo info, refs,
// the paginated recursive tree, resolve with a relative redirect (regular files) or an absolute one to a
// separate CDN origin (LFS), X-Repo-Commit / X-Linked-Etag / X-Linked-Size, X-Error-Code errors, gated
// and private repositories, and the faults of fake-serve.ts. Used by the tests and the benchmark.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Faults, type ServeStats, logRequest, newStats, serveBytes, takeFault } from './fake-serve.js';

export interface FakeFileSpec {
  path: string;
  content: Buffer;
  /** Stored with git LFS (default: .onnx/.pb/.onnx_data files and anything over 64 KiB). */
  lfs?: boolean;
}

export interface FakeRepoSpec {
  id: string;
  /** Branch/tag name → files at that revision (each gets its own commit). */
  revisions: Record<string, FakeFileSpec[]>;
  gated?: boolean;
  private?: boolean;
  /** Tokens that may read a gated/private repo. */
  tokens?: string[];
}

export interface FakeFile {
  path: string;
  content: Buffer;
  lfs: boolean;
  sha256: string;
  gitSha1: string;
}

interface Commit {
  sha: string;
  files: Map<string, FakeFile>;
}

interface Repo {
  spec: FakeRepoSpec;
  refs: Map<string, string>;
  commits: Map<string, Commit>;
}

export const gitBlobSha1 = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

export class FakeHub {
  readonly stats: ServeStats = newStats();
  /** Faults by repository file path ('*' for every file). */
  readonly faults = new Map<string, Faults>();
  /** Entries per tree page (Link: rel="next" pagination). */
  pageSize = 5;
  /** Answer every request with this status (a broken mirror). */
  failAll?: number;
  /** Strip X-Repo-Commit (a broken proxy). */
  stripCommitHeader = false;
  /** Answer the tree API with a bare 404 (an old mirror): clients fall back to `?blobs=true`. */
  noTreeApi = false;
  /** Sizes the listings claim instead of the real ones, by path (a model too big for the disk). */
  readonly listedSizes = new Map<string, number>();
  url = '';
  cdnUrl = '';
  private readonly repos = new Map<string, Repo>();
  private readonly blobsBySha = new Map<string, FakeFile>();
  private readonly hub: Server;
  private readonly cdn: Server;

  private constructor() {
    this.hub = createServer((req, res) => void this.handle(req, res, 'hub'));
    this.cdn = createServer((req, res) => void this.handle(req, res, 'cdn'));
  }

  static async start(repos: FakeRepoSpec[] = []): Promise<FakeHub> {
    const h = new FakeHub();
    h.url = await listen(h.hub);
    h.cdnUrl = await listen(h.cdn);
    for (const r of repos) h.addRepo(r);
    return h;
  }

  addRepo(spec: FakeRepoSpec): void {
    const repo: Repo = { spec, refs: new Map(), commits: new Map() };
    for (const [rev, files] of Object.entries(spec.revisions)) {
      const map = new Map<string, FakeFile>();
      for (const f of files) {
        const lfs = f.lfs ?? (/\.(onnx|pb|onnx_data|data)$/.test(f.path) || f.content.length > 65536);
        const ff: FakeFile = { path: f.path, content: f.content, lfs, sha256: sha256(f.content), gitSha1: gitBlobSha1(f.content) };
        map.set(f.path, ff);
        this.blobsBySha.set(ff.sha256, ff);
      }
      const sha = createHash('sha1').update(`${spec.id}@${rev}:${[...map.values()].map((f) => f.gitSha1).join(',')}`).digest('hex');
      repo.commits.set(sha, { sha, files: map });
      repo.refs.set(rev, sha);
    }
    this.repos.set(spec.id, repo);
  }

  commitOf(repo: string, rev = 'main'): string {
    return this.repos.get(repo)!.refs.get(rev)!;
  }

  file(repo: string, path: string, rev = 'main'): FakeFile {
    const r = this.repos.get(repo)!;
    return r.commits.get(r.refs.get(rev)!)!.files.get(path)!;
  }

  /** Body bytes served for one path (hub and CDN together). */
  served(path: string): number {
    return this.stats.bytesServed.get(path) ?? 0;
  }

  /** The most bodies of one path sent at once (the connections a download of it used together). */
  peakConnections(path: string): number {
    return this.stats.peakSending.get(path) ?? 0;
  }

  totalServed(): number {
    let n = 0;
    for (const v of this.stats.bytesServed.values()) n += v;
    return n;
  }

  async close(): Promise<void> {
    this.hub.closeAllConnections();
    this.cdn.closeAllConnections();
    await Promise.all([new Promise((r) => this.hub.close(r)), new Promise((r) => this.cdn.close(r))]);
  }

  private error(res: ServerResponse, status: number, code: string | undefined, message: string, extra: Record<string, string> = {}): void {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-error-message': message, ...extra };
    if (code) headers['x-error-code'] = code;
    res.writeHead(status, headers).end(JSON.stringify({ error: message }));
  }

  /** Access rules of the real hub: private/missing → RepoNotFound (401 anonymous), gated files → GatedRepo. */
  private access(req: IncomingMessage, res: ServerResponse, id: string, forFile: boolean): Repo | undefined {
    const repo = this.repos.get(id);
    const auth = req.headers.authorization?.replace(/^Bearer\s+/i, '');
    const allowed = !!auth && !!repo?.spec.tokens?.includes(auth);
    if (auth && !allowed && auth === 'bad-token') {
      this.error(res, 401, undefined, 'Invalid credentials in Authorization header');
      return undefined;
    }
    if (!repo || (repo.spec.private && !allowed)) {
      this.error(res, auth ? 404 : 401, 'RepoNotFound', 'Repository Not Found');
      return undefined;
    }
    if (forFile && repo.spec.gated && !allowed) {
      this.error(res, auth ? 403 : 401, 'GatedRepo', `Access to model ${id} is restricted. You must have access to it and be authenticated to access it. Please log in.`);
      return undefined;
    }
    return repo;
  }

  private commitFor(res: ServerResponse, repo: Repo, rev: string): Commit | undefined {
    const sha = repo.refs.get(rev) ?? (repo.commits.has(rev) ? rev : undefined);
    if (!sha) {
      this.error(res, 404, 'RevisionNotFound', `Invalid rev id: ${rev}`);
      return undefined;
    }
    return repo.commits.get(sha);
  }

  private async handle(req: IncomingMessage, res: ServerResponse, host: 'hub' | 'cdn'): Promise<void> {
    logRequest(this.stats, req, host);
    try {
      if (this.failAll) {
        res.writeHead(this.failAll).end('unavailable');
        return;
      }
      const url = new URL(req.url ?? '/', 'http://x');
      const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
      if (host === 'cdn') return await this.serveCdn(req, res, parts);
      if (parts[0] === 'api' && parts[1] === 'models') return this.api(req, res, parts.slice(2), url);
      if (parts[0] === 'api' && parts[1] === 'resolve-cache') return await this.resolveCache(req, res, parts.slice(3));
      if (parts[2] === 'resolve') return await this.resolve(req, res, `${parts[0]}/${parts[1]}`, parts[3], parts.slice(4).join('/'));
      this.error(res, 404, undefined, 'not found');
    } catch (err) {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    }
  }

  private api(req: IncomingMessage, res: ServerResponse, parts: string[], url: URL): void {
    const id = `${parts[0]}/${parts[1]}`;
    const repo = this.access(req, res, id, false);
    if (!repo) return;
    const json = (v: unknown, headers: Record<string, string> = {}) => res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(v));
    if (parts[2] === 'refs') {
      json({ branches: [...repo.refs].map(([name, sha]) => ({ name, ref: `refs/heads/${name}`, targetCommit: sha })), tags: [], converts: [] });
      return;
    }
    if (parts[2] === undefined || parts[2] === 'revision') {
      const commit = this.commitFor(res, repo, parts[3] ?? 'main');
      if (!commit) return;
      const blobs = url.searchParams.get('blobs') === 'true';
      const siblings = [...commit.files.values()].map((f) =>
        blobs ? { rfilename: f.path, size: this.sizeOf(f), blobId: f.lfs ? createHash('sha1').update(f.sha256).digest('hex') : f.gitSha1, ...(f.lfs ? { lfs: { sha256: f.sha256, size: this.sizeOf(f), pointerSize: 134 } } : {}) } : { rfilename: f.path },
      );
      json({ id, sha: commit.sha, private: !!repo.spec.private, gated: repo.spec.gated ? 'auto' : false, siblings });
      return;
    }
    if (parts[2] === 'tree' && this.noTreeApi) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    if (parts[2] === 'tree') {
      const commit = this.commitFor(res, repo, parts[3]);
      if (!commit) return;
      const prefix = parts.slice(4).join('/');
      const entries = this.treeEntries(commit, prefix);
      const cursor = Number(url.searchParams.get('cursor') ?? '0');
      const page = entries.slice(cursor, cursor + this.pageSize);
      const headers: Record<string, string> = {};
      if (cursor + this.pageSize < entries.length) {
        const next = new URL(url.toString());
        next.searchParams.set('cursor', String(cursor + this.pageSize));
        headers.link = `<${this.url}${next.pathname}${next.search}>; rel="next"`;
      }
      json(page, headers);
      return;
    }
    this.error(res, 404, undefined, 'unknown API');
  }

  private sizeOf(f: FakeFile): number {
    return this.listedSizes.get(f.path) ?? f.content.length;
  }

  private treeEntries(commit: Commit, prefix: string): unknown[] {
    const dirs = new Set<string>();
    const files: unknown[] = [];
    for (const f of [...commit.files.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      if (prefix && !f.path.startsWith(`${prefix}/`)) continue;
      const segs = f.path.split('/');
      for (let i = 1; i < segs.length; i++) dirs.add(segs.slice(0, i).join('/'));
      files.push({
        type: 'file', oid: f.lfs ? createHash('sha1').update(`pointer ${f.sha256}`).digest('hex') : f.gitSha1, size: this.sizeOf(f), path: f.path,
        ...(f.lfs ? { lfs: { oid: f.sha256, size: this.sizeOf(f), pointerSize: 134 } } : {}),
      });
    }
    return [...[...dirs].sort().map((d) => ({ type: 'directory', oid: createHash('sha1').update(d).digest('hex'), size: 0, path: d })), ...files];
  }

  private async resolve(req: IncomingMessage, res: ServerResponse, id: string, rev: string, path: string): Promise<void> {
    const repo = this.access(req, res, id, true);
    if (!repo) return;
    const commit = this.commitFor(res, repo, rev);
    if (!commit) return;
    const file = commit.files.get(path);
    const commitHeader: Record<string, string> = this.stripCommitHeader ? {} : { 'x-repo-commit': commit.sha };
    if (!file) {
      this.error(res, 404, 'EntryNotFound', `${path} does not exist on "${rev}"`, commitHeader);
      return;
    }
    const f = takeFault(this.faults, path);
    if (f.status500 && f.status500 > 0) {
      f.status500--;
      res.writeHead(500).end('oops');
      return;
    }
    if (!file.lfs) {
      const loc = `/api/resolve-cache/models/${id}/${commit.sha}/${path.split('/').map(encodeURIComponent).join('/')}?etag=%22${file.gitSha1}%22`;
      res.writeHead(307, { location: loc, ...commitHeader, 'content-length': '0' }).end();
      return;
    }
    const body = `Found. Redirecting to ${this.cdnUrl}/cdn/${file.sha256}`.padEnd(913, '.');
    res.writeHead(302, {
      location: `${this.cdnUrl}/cdn/${file.sha256}?X-Amz-Expires=3600&X-Amz-Signature=${Date.now()}`,
      ...commitHeader,
      'x-linked-etag': `"${file.sha256}"`,
      'x-linked-size': String(file.content.length),
      etag: `"${file.gitSha1}"`,
      'accept-ranges': 'bytes',
      'content-length': String(body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private async resolveCache(req: IncomingMessage, res: ServerResponse, parts: string[]): Promise<void> {
    const id = `${parts[0]}/${parts[1]}`;
    const repo = this.access(req, res, id, true);
    if (!repo) return;
    const commit = repo.commits.get(parts[2]);
    const file = commit?.files.get(parts.slice(3).join('/'));
    if (!commit || !file) {
      this.error(res, 404, 'EntryNotFound', 'not found');
      return;
    }
    const extra: Record<string, string> = this.stripCommitHeader ? {} : { 'x-repo-commit': commit.sha };
    await serveBytes(req, res, file.content, file.path, { faults: this.faults, stats: this.stats, etag: `"${file.gitSha1}"`, cdn: false, extraHeaders: extra });
  }

  private async serveCdn(req: IncomingMessage, res: ServerResponse, parts: string[]): Promise<void> {
    const file = parts[0] === 'cdn' ? this.blobsBySha.get(parts[1]) : undefined;
    if (!file) {
      res.writeHead(404).end('NoSuchKey');
      return;
    }
    await serveBytes(req, res, file.content, file.path, { faults: this.faults, stats: this.stats, etag: `"cdn-${file.sha256.slice(0, 16)}"`, cdn: true });
  }
}

/** A URL where nothing listens (a mirror that is down): connection refused. */
export async function deadEndpoint(): Promise<string> {
  const s = createServer();
  const url = await listen(s);
  await new Promise((r) => s.close(r));
  return url;
}

/** Deterministic pseudo-random bytes (xorshift), so files differ but tests repeat. */
export function bytes(n: number, seed = 1): Buffer {
  const b = Buffer.allocUnsafe(n);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

/** A small diffusers-style ONNX Stable Diffusion repository (plus files the engine does not need). */
export function sdRepoFiles(opts: { unetBytes?: number; seed?: number } = {}): FakeFileSpec[] {
  const seed = opts.seed ?? 1;
  const text = (s: string) => Buffer.from(s);
  return [
    { path: 'model_index.json', content: text(JSON.stringify({ _class_name: 'OnnxStableDiffusionPipeline', _diffusers_version: '0.30.0' })) },
    { path: 'scheduler/scheduler_config.json', content: text('{"_class_name":"PNDMScheduler","num_train_timesteps":1000}') },
    { path: 'tokenizer/vocab.json', content: text('{"a</w>":0,"b</w>":1}') },
    { path: 'tokenizer/merges.txt', content: text('#version: 0.2\na b\n') },
    { path: 'tokenizer/special_tokens_map.json', content: text('{}') },
    { path: 'text_encoder/model.onnx', content: bytes(40_000, seed + 1) },
    { path: 'unet/model.onnx', content: bytes(30_000, seed + 2) },
    { path: 'unet/weights.pb', content: bytes(opts.unetBytes ?? 3_000_000, seed + 3) },
    { path: 'vae_decoder/model.onnx', content: bytes(20_000, seed + 4) },
    { path: 'vae_encoder/model.onnx', content: bytes(15_000, seed + 5) },
    { path: 'safety_checker/model.onnx', content: bytes(25_000, seed + 6) },
    { path: 'feature_extractor/preprocessor_config.json', content: text('{}') },
    { path: 'README.md', content: text('# test model\n') },
  ];
}
