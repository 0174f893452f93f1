// The renderer's one door to main: the contract as StudioApi, over window.studio (Electron preload) when
// present, else HTTP + WebSocket to the web host that served this page. Views and stores use only this.
import type { StudioApi } from '../../src-shared/contract/index.js';
import { createBridgeClient } from './bridge-client.js';
import { createHttpClient } from './http-client.js';

let api: StudioApi | undefined;

export function useApi(): StudioApi {
  api ??= window.studio ? createBridgeClient(window.studio) : createHttpClient(window.location.href);
  return api;
}

/** A rejection's error code and message, whatever threw it. */
export function errorInfo(err: unknown): { code: string; message: string } {
  const e = err as { code?: unknown; message?: unknown };
  return { code: typeof e?.code === 'string' ? e.code : 'internal', message: typeof e?.message === 'string' ? e.message : String(err) };
}
