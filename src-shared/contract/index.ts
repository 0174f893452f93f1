// The contract between the renderer and main: operations, events, validators and the transport-neutral
// client interface. Pure TypeScript: no Node, DOM or Vue imports.
import type { WireError } from './common.js';
import type { EventName, EventPayload } from './events/index.js';
import type { OpName, OpRequest, OpResponse } from './ops/index.js';

export * from './common.js';
export * from './limits.js';
export * from './ops/index.js';
export * from './events/index.js';
export { parseRequest, unknownOp, type ValidationContext } from './validate.js';
export { toWireError, fromWireError } from './wire-error.js';

/** Prefix of every IPC channel (ops and events): `studio:generate.start`, `studio:job.progress`. */
export const CHANNEL_PREFIX = 'studio:';

/**
 * What `window.studio` is (preload), and what the renderer's HTTP/WebSocket client implements:
 * invoke rejects with an error carrying {code, message, params}; on returns an unsubscribe function.
 */
export interface StudioApi {
  invoke<O extends OpName>(op: O, request: OpRequest<O>): Promise<OpResponse<O>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** An operation's outcome on the wire (IPC and HTTP bodies alike): the response, or the error. */
export type WireResult = { ok: true; value: unknown } | { ok: false; error: WireError };

/**
 * `window.studio`, as the preload exposes it: results come back as WireResult because Electron keeps only
 * the message of an Error thrown across IPC; the renderer's api/ turns them into StudioApi calls.
 */
export interface StudioBridge {
  invoke(op: string, request: unknown): Promise<WireResult>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
