// The one router from contract operation to service, shared by every host: validates the request with
// the contract (renderers and browsers are untrusted input), calls the service, and turns failures into
// the wire error {code, message, params}. Hosts only move bytes.
import {
  OP_NAMES, isOpName, parseRequest, toWireError, unknownOp,
  type OpName, type WireResult,
} from '../../src-shared/contract/index.js';
import type { Studio } from '../services/studio.js';
import { appHandlers } from './handlers/app.js';
import { galleryHandlers } from './handlers/gallery.js';
import { generateHandlers } from './handlers/generate.js';
import { labHandlers } from './handlers/lab.js';
import { imageHandlers } from './handlers/image.js';
import { promptHandlers } from './handlers/prompt.js';
import { modelsHandlers } from './handlers/models.js';
import { settingsHandlers } from './handlers/settings.js';
import { timelineHandlers } from './handlers/timeline.js';
import type { Handlers } from './handlers/types.js';

export type { Handlers } from './handlers/types.js';

export type RouteResult = WireResult;

export interface Router {
  readonly ops: readonly OpName[];
  /** Validates and runs `op`; never throws: failures come back as wire errors. */
  handle(op: string, request: unknown): Promise<RouteResult>;
}

/** One handler per op, gathered from the per-area files (the type test checks none is missing). */
function handlersFor(studio: Studio): Handlers {
  return {
    ...appHandlers(studio),
    ...generateHandlers(studio),
    ...galleryHandlers(studio),
    ...promptHandlers(studio),
    ...labHandlers(studio),
    ...imageHandlers(studio),
    ...modelsHandlers(studio),
    ...settingsHandlers(studio),
    ...timelineHandlers(studio),
  };
}

export function createRouter(studio: Studio, onInternalError: (op: string, err: unknown) => void = logInternal): Router {
  const handlers = handlersFor(studio);
  const schedulers = studio.schedulers().map((s) => s.id);
  return {
    ops: OP_NAMES,
    async handle(op, request) {
      try {
        if (!isOpName(op)) throw unknownOp(op);
        const parsed = parseRequest(op, request, { schedulers });
        const handler = handlers[op] as (r: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(parsed) };
      } catch (err) {
        const error = toWireError(err);
        if (error.code === 'internal') onInternalError(op, err);
        return { ok: false, error };
      }
    },
  };
}

function logInternal(op: string, err: unknown): void {
  process.stderr.write(`latent-studio: internal error in ${op}: ${(err as Error)?.stack ?? String(err)}\n`);
}
