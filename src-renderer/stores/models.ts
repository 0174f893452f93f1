// The Models screen's state: installed models, the catalog, download and conversion jobs (asked for on
// load, kept current by download.* events, so a reload loses nothing), mirror health, and the results of
// verify / delete / import. Talks to main only through api/; the mirror choice is the settings' one.
import { defineStore } from 'pinia';
import type {
  CatalogEntryView, DownloadProgress, EventPayload, InstalledModelView, MirrorHealth, OpResponse,
} from '../../src-shared/contract/index.js';
import { errorInfo, useApi } from '../api/index.js';
import { useSettingsStore } from './settings.js';

export interface ModelsError { code: string; message: string; params?: Record<string, unknown> }
type VerifyResult = OpResponse<'models.verify'>;

const toError = (err: unknown): ModelsError => {
  const p = (err as { params?: Record<string, unknown> })?.params;
  return { ...errorInfo(err), ...(p ? { params: p } : {}) };
};

/** Counts probes, so only the latest one's answer is shown. */
let probeRound = 0;

/** SD-Turbo and other few-step models first: the best first model on a CPU. */
const fewStepsFirst = (a: CatalogEntryView, b: CatalogEntryView) => Number(a.family !== 'sd-turbo') - Number(b.family !== 'sd-turbo');

export const useModelsStore = defineStore('models', {
  state: () => ({
    installed: [] as InstalledModelView[],
    warnings: [] as string[],
    catalog: [] as CatalogEntryView[],
    /** Running, queued and paused jobs by id, in start order. */
    downloads: [] as DownloadProgress[],
    /** Jobs that failed (never cancelled ones), with the error to show until dismissed. */
    failures: [] as { jobId: string; repo: string; error: ModelsError }[],
    mirrors: [] as MirrorHealth[],
    probing: false,
    loaded: false,
    /** The model (or job) an action is running on, so its buttons can wait. */
    busy: {} as Record<string, 'verify' | 'delete' | 'convert' | 'pull' | 'import'>,
    verified: {} as Record<string, VerifyResult>,
    /** The last action's error or notice, shown next to the list it came from. */
    error: null as ModelsError | null,
    importError: null as ModelsError | null,
    notice: '' as string,
    started: false,
  }),
  getters: {
    /** The fastest of the known mirrors that answered the probe: what `auto` would pick now. */
    autoMirror: (s): MirrorHealth | undefined => [...s.mirrors].filter((m) => m.ok && m.mirror !== 'custom').sort((a, b) => (a.latencyMs ?? 1e9) - (b.latencyMs ?? 1e9))[0],
    /** Where downloads will come from: the chosen mirror with its health, or what `auto` picks. */
    downloadMirror(): MirrorHealth | undefined {
      const chosen = useSettingsStore().values?.mirror ?? 'auto';
      return chosen === 'auto' ? this.autoMirror : this.mirrors.find((m) => m.mirror === chosen);
    },
    jobFor: (s) => (repo: string) => s.downloads.find((d) => d.repo === repo && d.kind === 'pull'),
  },
  actions: {
    /** Follows download.* events and loads everything; once per app. */
    async init(): Promise<void> {
      if (!this.started) {
        this.started = true;
        const api = useApi();
        api.on('download.progress', (p) => this.onProgress(p));
        api.on('download.done', (p) => void this.onDone(p));
        api.on('download.error', (p) => this.onError(p));
      }
      await this.load();
    },

    async load(): Promise<void> {
      const api = useApi();
      try {
        const [installed, catalog, downloads] = await Promise.all([
          api.invoke('models.installed', {}), api.invoke('models.catalog', {}), api.invoke('models.downloads', {}),
        ]);
        this.$patch({ installed: installed.models, warnings: installed.warnings, catalog: [...catalog.entries].sort(fewStepsFirst), downloads: downloads.downloads, loaded: true });
      } catch (err) {
        this.error = toError(err);
      }
      void this.probe();
    },

    async refreshLists(): Promise<void> {
      const api = useApi();
      const [installed, catalog] = await Promise.all([api.invoke('models.installed', {}), api.invoke('models.catalog', {})]);
      this.$patch({ installed: installed.models, warnings: installed.warnings, catalog: [...catalog.entries].sort(fewStepsFirst) });
    },

    /** Asks each mirror (and the custom endpoint, when one is set) whether it answers. */
    async probe(): Promise<void> {
      const round = ++probeRound;
      this.probing = true;
      try {
        const endpoint = useSettingsStore().values?.endpoint || undefined;
        const { mirrors } = await useApi().invoke('models.probe', endpoint ? { endpoint } : {});
        // NOTE: a slower, older probe (before the endpoint changed) must not overwrite a newer one.
        if (round === probeRound) this.mirrors = mirrors;
      } catch (err) {
        if (round === probeRound) this.error = toError(err);
      } finally {
        if (round === probeRound) this.probing = false;
      }
    },

    /**
     * Starts a download from the mirror chosen in the settings (a custom one with its endpoint). It names
     * the entry's hub repository, which every mirror resolves (the hub maps it to ModelScope's own id).
     */
    async pull(entry: CatalogEntryView): Promise<void> {
      const v = useSettingsStore().values;
      const mirror = v?.mirror ?? 'auto';
      this.error = null;
      this.busy = { ...this.busy, [entry.id]: 'pull' };
      try {
        const { jobId } = await useApi().invoke('models.pull', mirror === 'custom' ? { repo: entry.repo, mirror, endpoint: v?.endpoint } : { repo: entry.repo, mirror });
        if (!this.downloads.some((d) => d.jobId === jobId)) {
          this.downloads = [...this.downloads, { jobId, repo: entry.repo, kind: 'pull', files: [], bytes: 0, total: entry.sizeBytes, bytesPerSecond: 0, etaSeconds: null, state: 'queued' }];
        }
      } catch (err) {
        this.error = toError(err);
      } finally {
        this.clearBusy(entry.id);
      }
    },

    async control(op: 'models.pause' | 'models.resume' | 'models.cancel', jobId: string): Promise<void> {
      try {
        await useApi().invoke(op, { jobId });
      } catch (err) {
        this.error = toError(err);
      }
    },

    async verify(id: string): Promise<void> {
      await this.act(id, 'verify', async () => {
        const r = await useApi().invoke('models.verify', { id });
        this.verified = { ...this.verified, [id]: r };
      });
    },

    async remove(id: string): Promise<void> {
      await this.act(id, 'delete', async () => {
        await useApi().invoke('models.delete', { id });
        await this.refreshLists();
      });
    },

    async convertFp16(id: string): Promise<void> {
      await this.act(id, 'convert', async () => {
        await useApi().invoke('models.convertFp16', { id });
        this.downloads = [...(await useApi().invoke('models.downloads', {})).downloads];
      });
    },

    async importFolder(path: string): Promise<boolean> {
      this.importError = null;
      try {
        await useApi().invoke('models.import', { path });
        await this.refreshLists();
        return true;
      } catch (err) {
        this.importError = toError(err);
        return false;
      }
    },

    dismissFailure(jobId: string): void {
      this.failures = this.failures.filter((f) => f.jobId !== jobId);
    },

    async act(id: string, what: 'verify' | 'delete' | 'convert', fn: () => Promise<void>): Promise<void> {
      this.error = null;
      this.busy = { ...this.busy, [id]: what };
      try {
        await fn();
      } catch (err) {
        this.error = toError(err);
      } finally {
        this.clearBusy(id);
      }
    },

    clearBusy(id: string): void {
      const busy = { ...this.busy };
      delete busy[id];
      this.busy = busy;
    },

    onProgress(p: EventPayload<'download.progress'>): void {
      const i = this.downloads.findIndex((d) => d.jobId === p.jobId);
      this.downloads = i < 0 ? [...this.downloads, p] : this.downloads.map((d, j) => (j === i ? p : d));
    },

    async onDone(p: EventPayload<'download.done'>): Promise<void> {
      this.downloads = this.downloads.filter((d) => d.jobId !== p.jobId);
      await this.refreshLists().catch((err: unknown) => (this.error = toError(err)));
    },

    onError(p: EventPayload<'download.error'>): void {
      const job = this.downloads.find((d) => d.jobId === p.jobId);
      this.downloads = this.downloads.filter((d) => d.jobId !== p.jobId);
      // Cancelling is not failing: a cancelled job just leaves the list.
      if (p.error.code !== 'cancelled') this.failures = [...this.failures, { jobId: p.jobId, repo: job?.repo ?? '', error: p.error }];
    },
  },
});
