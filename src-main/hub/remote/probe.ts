// Health of endpoints for the Models screen: one API request per endpoint, all at once, with its round
// trip or why it failed. The same request `auto` uses to pick an endpoint (Source.probe); it downloads nothing.
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import type { TimeoutOptions } from '../types.js';
import { parseEndpoint } from './endpoints.js';
import { HubHttp } from './http.js';
import { resolveRetry } from './retry.js';
import { Source } from './sources.js';

export interface ProbeTarget {
  /** An endpoint as `--endpoint` takes it (modelscope:URL or a ModelScope host means ModelScope's API). */
  endpoint: string;
  /** A repository the endpoint should know, and its revision: the probe asks for its API page. */
  repo: string;
  revision: string;
}

export interface EndpointHealth {
  endpoint: string;
  ok: boolean;
  /** Round trip of the probe in ms; undefined when it failed. */
  latencyMs?: number;
  error?: string;
}

export interface ProbeOptions {
  appVersion: string;
  env?: NodeJS.ProcessEnv;
  proxy?: string;
  fallbackProxy?: string;
  dispatcher?: Dispatcher;
  timeouts?: TimeoutOptions;
  signal?: AbortSignal;
}

/** Probes every target in parallel; never throws for an unhealthy endpoint (only for a malformed one or an abort). */
export async function probeEndpoints(targets: ProbeTarget[], opts: ProbeOptions): Promise<EndpointHealth[]> {
  const env = opts.env ?? process.env;
  const http = new HubHttp({ appVersion: opts.appVersion, env, proxy: opts.proxy, fallbackProxy: opts.fallbackProxy, dispatcher: opts.dispatcher, timeouts: opts.timeouts, connections: 2 });
  try {
    const setup = { http, policy: resolveRetry({ tries: 1 }), signal: opts.signal };
    return await Promise.all(
      targets.map(async (t): Promise<EndpointHealth> => {
        const source = new Source(parseEndpoint(t.endpoint), t.repo, t.revision, setup, false);
        const started = performance.now();
        const r = await source.probe();
        return r.ok ? { endpoint: t.endpoint, ok: true, latencyMs: Math.round(performance.now() - started) } : { endpoint: t.endpoint, ok: false, error: r.reason };
      }),
    );
  } finally {
    await http.close();
  }
}
