// Errors on the wire: a StudioError becomes {code, message, params}; a cancellation the code `cancelled`;
// anything else `internal` (the host logs the stack, the UI shows the message). And back again.
import { StudioError, isCancelled, type StudioErrorParams } from '../errors.js';
import type { WireError } from './common.js';

export function toWireError(err: unknown): WireError {
  if (isCancelled(err)) return { code: 'cancelled', message: err instanceof StudioError ? err.message : 'The operation was cancelled.' };
  if (err instanceof StudioError) {
    const params = err.params ? (Object.fromEntries(Object.entries(err.params).filter(([, v]) => v !== undefined)) as WireError['params']) : undefined;
    return params ? { code: err.code, message: err.message, params } : { code: err.code, message: err.message };
  }
  return { code: 'internal', message: `Internal error: ${(err as Error)?.message ?? String(err)}` };
}

/** A wire error as a StudioError again (what the renderer's api/ rejects with). */
export function fromWireError(e: WireError): StudioError {
  return new StudioError(e.code, e.message, e.params as StudioErrorParams | undefined);
}
