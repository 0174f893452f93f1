// StudioApi over the web host: POST /api/<op> for operations, one WebSocket /events for events
// (opened on first subscription, reopened after a drop). Same base URL as the page.
import { fromWireError, type AnyEvent, type StudioApi, type WireError } from '../../src-shared/contract/index.js';
import { StudioError } from '../../src-shared/errors.js';

type Listener = (payload: unknown) => void;

export function createHttpClient(pageUrl: string): StudioApi {
  const base = new URL('./', pageUrl);
  const listeners = new Map<string, Set<Listener>>();
  let socket: WebSocket | undefined;
  /** Resolves when the socket is open (or gave up): a job started after subscribing never misses its events. */
  let opened: Promise<void> = Promise.resolve();

  function connect(): void {
    const url = new URL('events', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    socket = ws;
    opened = new Promise((resolve) => {
      ws.addEventListener('open', () => resolve(), { once: true });
      ws.addEventListener('close', () => resolve(), { once: true });
    });
    ws.onmessage = (m) => {
      const e = JSON.parse(String(m.data)) as AnyEvent;
      for (const l of listeners.get(e.event) ?? []) l(e.payload);
    };
    // NOTE: a dropped socket (host restarted, laptop slept) is reopened; events in between are lost,
    // which the UI tolerates (it re-asks state it needs).
    ws.onclose = () => {
      socket = undefined;
      if (listeners.size) setTimeout(connect, 1000);
    };
  }

  return {
    async invoke(op, request) {
      await opened;
      let res: Response;
      try {
        res = await fetch(new URL(`api/${op}`, base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request ?? {}) });
      } catch (err) {
        throw new StudioError('web/unreachable', `The studio host does not answer (${(err as Error).message}). Is "latent-studio serve" still running?`);
      }
      const body = (await res.json().catch(() => null)) as { error?: WireError } | null;
      if (!res.ok) throw body?.error ? fromWireError(body.error) : new StudioError('web/http-error', `The studio host answered ${res.status} to ${op}.`, { status: res.status });
      return body as never;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener);
      if (!socket) connect();
      return () => set.delete(listener as Listener);
    },
  };
}
