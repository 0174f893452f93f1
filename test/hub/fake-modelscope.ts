// A fake ModelScope on 127.0.0.1 (hub-protocol.md §4): revisions, the recursive file list with a SHA-256
// per file and `Code`/`Success` envelopes, and `repo?Revision=…&FilePath=…` redirecting to an OSS origin
// that serves ranges (with fake-serve.ts's faults).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gitBlobSha1, sha256, type FakeFileSpec } from './fake-hub.js';
import { type Faults, type ServeStats, logRequest, newStats, serveBytes } from './fake-serve.js';

interface MsFile {
  path: string;
  content: Buffer;
  lfs: boolean;
  sha256: string;
  revision: string;
  date: number;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

export class FakeModelScope {
  readonly stats: ServeStats = newStats();
  readonly faults = new Map<string, Faults>();
  url = '';
  ossUrl = '';
  private readonly repos = new Map<string, Map<string, MsFile[]>>();
  private readonly bySha = new Map<string, MsFile>();
  private readonly api: Server;
  private readonly oss: Server;

  private constructor() {
    this.api = createServer((req, res) => void this.handle(req, res));
    this.oss = createServer((req, res) => void this.serveOss(req, res));
  }

  static async start(repos: { id: string; revisions: Record<string, FakeFileSpec[]> }[]): Promise<FakeModelScope> {
    const m = new FakeModelScope();
    m.url = await listen(m.api);
    m.ossUrl = await listen(m.oss);
    for (const r of repos) {
      const revs = new Map<string, MsFile[]>();
      for (const [rev, files] of Object.entries(r.revisions)) {
        const list = files.map((f, i) => {
          const lfs = f.lfs ?? /\.(onnx|pb)$/.test(f.path);
          // Each file's last commit: the newest one is the head.
          const revision = createHash('sha1').update(`${r.id}@${rev}#${i}`).digest('hex');
          const ms: MsFile = { path: f.path, content: f.content, lfs, sha256: sha256(f.content), revision, date: 1_700_000_000 + i };
          m.bySha.set(ms.sha256, ms);
          return ms;
        });
        revs.set(rev, list);
      }
      m.repos.set(r.id, revs);
    }
    return m;
  }

  /** The commit a listing should report: the newest file's Revision. */
  headOf(repo: string, rev = 'master'): string {
    const files = this.repos.get(repo)!.get(rev)!;
    return files.reduce((a, b) => (b.date > a.date ? b : a)).revision;
  }

  served(path: string): number {
    return this.stats.bytesServed.get(path) ?? 0;
  }

  async close(): Promise<void> {
    this.api.closeAllConnections();
    this.oss.closeAllConnections();
    await Promise.all([new Promise((r) => this.api.close(r)), new Promise((r) => this.oss.close(r))]);
  }

  private envelope(res: ServerResponse, data: unknown, code = 200, message = 'success'): void {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Code: code, Success: code === 200, Message: message, Data: data }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    logRequest(this.stats, req, 'modelscope');
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname.split('/').slice(1).map(decodeURIComponent);
    if (p[0] !== 'api' || p[1] !== 'v1' || p[2] !== 'models') {
      res.writeHead(404).end();
      return;
    }
    const revs = this.repos.get(`${p[3]}/${p[4]}`);
    if (!revs) {
      this.envelope(res, null, 404, `Model ${p[3]}/${p[4]} not found`);
      return;
    }
    if (p[5] === 'revisions') {
      this.envelope(res, { RevisionMap: { Branches: [...revs.keys()].map((r) => ({ Revision: r, CreatedAt: 1_700_000_000 })), Tags: [] } });
      return;
    }
    const rev = url.searchParams.get('Revision') ?? 'master';
    const files = revs.get(rev);
    if (!files) {
      this.envelope(res, null, 404, `revision ${rev} not found`);
      return;
    }
    if (p[5] === 'repo' && p[6] === 'files') {
      const dirs = new Set(files.flatMap((f) => f.path.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));
      const list = [
        ...[...dirs].map((d) => ({ Name: d.split('/').pop(), Path: d, Type: 'tree', Size: 0 })),
        ...files.map((f) => ({ Name: f.path.split('/').pop(), Path: f.path, Type: 'blob', Size: f.content.length, IsLFS: f.lfs, Sha256: f.sha256, Revision: f.revision, CommittedDate: f.date })),
      ];
      this.envelope(res, { Files: list });
      return;
    }
    if (p[5] === 'repo' && !p[6]) {
      const f = files.find((x) => x.path === url.searchParams.get('FilePath'));
      if (!f) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ Code: 404, Success: false, Message: 'file not found' }));
        return;
      }
      res.writeHead(302, { location: `${this.ossUrl}/oss/${f.sha256}?Expires=${Date.now() + 3600_000}&Signature=x` }).end();
      return;
    }
    res.writeHead(404).end();
  }

  private async serveOss(req: IncomingMessage, res: ServerResponse): Promise<void> {
    logRequest(this.stats, req, 'oss');
    const sha = new URL(req.url ?? '/', 'http://x').pathname.split('/')[2];
    const f = this.bySha.get(sha);
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    await serveBytes(req, res, f.content, f.path, { faults: this.faults, stats: this.stats, etag: `"${f.sha256.slice(0, 32).toUpperCase()}"`, cdn: true });
  }
}

export { gitBlobSha1 };
