// Which endpoints to talk to, in which order: HF_ENDPOINT (as huggingface_hub reads it), the official hub,
// hf-mirror.com, ModelScope (MODELSCOPE_ENDPOINT / MODELSCOPE_DOMAIN), any URL; `auto` probes them in
// parallel with a short timeout. Also the offline switch and where tokens come from (never logged).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../../src-shared/errors.js';
import { resolveHfHome } from '../cache/cache-paths.js';
import type { Endpoint, MirrorChoice } from '../types.js';

export const HF_OFFICIAL = 'https://huggingface.co';
export const HF_MIRROR = 'https://hf-mirror.com';
export const MODELSCOPE_DEFAULT = 'https://www.modelscope.cn';
export const MODELSCOPE_AI_SITE = 'https://www.modelscope.ai';
export const MIRROR_CHOICES: readonly MirrorChoice[] = Object.freeze(['hf', 'hf-mirror', 'modelscope', 'auto']);

/** Hosts run by third parties: the hub token goes there only when the user opts in. */
const THIRD_PARTY_MIRRORS: ReadonlySet<string> = new Set(['hf-mirror.com', 'www.hf-mirror.com']);

/** huggingface_hub's truthiness: 1/ON/YES/TRUE in any case. */
export function isTruthy(value: string | undefined): boolean {
  return !!value && ['1', 'on', 'yes', 'true'].includes(value.trim().toLowerCase());
}

export function isOffline(env: NodeJS.ProcessEnv): boolean {
  return isTruthy(env.HF_HUB_OFFLINE) || isTruthy(env.TRANSFORMERS_OFFLINE);
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/** HF_ENDPOINT minus trailing slashes, else the official hub. */
export function hfEndpointUrl(env: NodeJS.ProcessEnv): string {
  const v = env.HF_ENDPOINT?.trim();
  return v ? trimSlashes(v) : HF_OFFICIAL;
}

/** MODELSCOPE_ENDPOINT (full URL), else MODELSCOPE_DOMAIN (bare domain, https:// added), else the default site. */
export function modelscopeEndpointUrl(env: NodeJS.ProcessEnv): string {
  const full = env.MODELSCOPE_ENDPOINT?.trim();
  if (full) return trimSlashes(full);
  const domain = env.MODELSCOPE_DOMAIN?.trim();
  if (domain) return trimSlashes(/^https?:\/\//i.test(domain) ? domain : `https://${domain}`);
  return isTruthy(env.MODELSCOPE_PREFER_AI_SITE) ? MODELSCOPE_AI_SITE : MODELSCOPE_DEFAULT;
}

function parseUrl(spec: string, what: string): URL {
  let u: URL;
  try {
    u = new URL(spec);
  } catch {
    throw new StudioError('hub/bad-endpoint', `${what} "${spec}" is not a URL. Give a full http(s) URL such as https://hf-mirror.com.`, { endpoint: spec });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new StudioError('hub/bad-endpoint', `${what} "${spec}" must use http or https, not ${u.protocol}.`, { endpoint: spec });
  }
  return u;
}

function hfEndpoint(url: string, tokenToMirrors: boolean): Endpoint {
  const u = parseUrl(url, 'Endpoint');
  const thirdParty = THIRD_PARTY_MIRRORS.has(u.hostname.toLowerCase());
  return { kind: 'hf', url: trimSlashes(url), label: u.host, sendToken: thirdParty ? tokenToMirrors : true };
}

function modelscopeEndpoint(url: string): Endpoint {
  const u = parseUrl(url, 'ModelScope endpoint');
  return { kind: 'modelscope', url: trimSlashes(url), label: `modelscope (${u.host})`, sendToken: true };
}

/** `--endpoint` values: a `modelscope:` prefix or a host containing "modelscope" means the ModelScope API. */
export function parseEndpoint(spec: string, tokenToMirrors = false): Endpoint {
  const s = spec.trim();
  if (/^modelscope:/i.test(s)) return modelscopeEndpoint(s.slice('modelscope:'.length));
  const u = parseUrl(s, 'Endpoint');
  if (/(^|\.)modelscope\./i.test(u.hostname)) return modelscopeEndpoint(s);
  return hfEndpoint(s, tokenToMirrors);
}

export interface EndpointPlan {
  endpoints: Endpoint[];
  /** Probe them (in parallel) and drop the unreachable ones before starting. */
  probe: boolean;
}

/**
 * The endpoints for a pull, in order. Explicit `--endpoint`s come first, then the `--mirror` choice;
 * with neither, HF_ENDPOINT decides (as in huggingface_hub). `auto` = HF_ENDPOINT or the hub, hf-mirror, ModelScope.
 */
export function planEndpoints(opts: { endpoints?: string[]; mirror?: MirrorChoice; env: NodeJS.ProcessEnv; tokenToMirrors?: boolean }): EndpointPlan {
  const { env } = opts;
  const toMirrors = opts.tokenToMirrors ?? false;
  const list: Endpoint[] = (opts.endpoints ?? []).map((e) => parseEndpoint(e, toMirrors));
  const mirror = opts.mirror;
  if (mirror !== undefined && !MIRROR_CHOICES.includes(mirror)) {
    throw new StudioError('hub/bad-mirror', `Unknown mirror "${mirror}". Choose one of: ${MIRROR_CHOICES.join(', ')}.`, { mirror });
  }
  if (mirror === 'hf') list.push(hfEndpoint(HF_OFFICIAL, toMirrors));
  else if (mirror === 'hf-mirror') list.push(hfEndpoint(HF_MIRROR, toMirrors));
  else if (mirror === 'modelscope') list.push(modelscopeEndpoint(modelscopeEndpointUrl(env)));
  else if (mirror === 'auto') {
    list.push(hfEndpoint(hfEndpointUrl(env), toMirrors), hfEndpoint(HF_MIRROR, toMirrors), modelscopeEndpoint(modelscopeEndpointUrl(env)));
  }
  if (list.length === 0) list.push(hfEndpoint(hfEndpointUrl(env), toMirrors));
  const seen = new Set<string>();
  const endpoints = list.filter((e) => {
    const key = `${e.kind} ${e.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { endpoints, probe: mirror === 'auto' };
}

export type ProbeResult = { ok: true } | { ok: false; reason: string };

/**
 * Probes every endpoint at once and returns them healthiest-first in configured order: the first
 * healthy one (in preference order) leads; later ones still unknown stay as failover candidates.
 */
export async function orderByHealth<T extends { endpoint: Endpoint }>(items: T[], probe: (item: T) => Promise<ProbeResult>): Promise<T[]> {
  const results: (ProbeResult | undefined)[] = items.map(() => undefined);
  const pending = items.map((e, i) =>
    probe(e).then(
      (r) => (results[i] = r),
      (err: unknown) => (results[i] = { ok: false, reason: (err as Error)?.message ?? String(err) }),
    ),
  );
  for (let i = 0; i < items.length; i++) {
    const r = await pending[i];
    if (r.ok) return [items[i], ...items.filter((_, j) => j > i && results[j]?.ok !== false)];
  }
  const reasons = items.map((e, i) => `${e.endpoint.label}: ${(results[i] as { reason?: string }).reason ?? 'unknown'}`).join('; ');
  throw new StudioError('hub/no-endpoint', `No endpoint is reachable (${reasons}). Check your connection or proxy (HTTPS_PROXY), or name one with --endpoint.`, { endpoints: items.map((e) => e.endpoint.url).join(',') });
}

/**
 * The hub token: an explicit one, else HF_TOKEN, else HUGGING_FACE_HUB_TOKEN, else the token file
 * (HF_TOKEN_PATH, default $HF_HOME/token), trimmed. Never printed anywhere.
 */
export function resolveHfToken(env: NodeJS.ProcessEnv, explicit?: string): string | undefined {
  const clean = (v: string | undefined) => {
    const t = v?.replace(/[\r\n]/g, '').trim();
    return t ? t : undefined;
  };
  const direct = clean(explicit) ?? clean(env.HF_TOKEN) ?? clean(env.HUGGING_FACE_HUB_TOKEN);
  if (direct) return direct;
  const file = env.HF_TOKEN_PATH?.trim() || path.join(resolveHfHome(env), 'token');
  try {
    return clean(readFileSync(file, 'utf8'));
  } catch {
    // NOTE: no token file is the normal anonymous case.
    return undefined;
  }
}

export function resolveModelscopeToken(env: NodeJS.ProcessEnv): string | undefined {
  const t = env.MODELSCOPE_API_TOKEN?.trim();
  return t ? t : undefined;
}
