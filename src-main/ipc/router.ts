// The one router from contract operation to service, shared by every host: validates the request with
// the contract (renderers and browsers are untrusted input), calls the service, and turns failures into
// the wire error {code, message, params}. Hosts only move bytes.
import {
  OP_NAMES, isOpName, parseRequest, toWireError, unknownOp,
  type OpName, type OpParsed, type OpResponse, type WireResult,
} from '../../src-shared/contract/index.js';
import { listSchedulers } from '../engine/schedulers/index.js';
import { availableProviders } from '../engine/runtime/providers.js';
import { APP_VERSION } from '../services/paths.js';
import type { Studio } from '../services/studio.js';

export type Handlers = { [O in OpName]: (request: OpParsed<O>) => Promise<OpResponse<O>> };

export type RouteResult = WireResult;

export interface Router {
  readonly ops: readonly OpName[];
  /** Validates and runs `op`; never throws: failures come back as wire errors. */
  handle(op: string, request: unknown): Promise<RouteResult>;
}

function handlersFor(studio: Studio): Handlers {
  return {
    'app.info': async () => ({ name: 'Latent Studio', version: APP_VERSION, providers: availableProviders(), host: studio.options.host }),
    'models.list': () => studio.models.list(),
    'schedulers.list': async () => ({ schedulers: listSchedulers().map(({ id, label }) => ({ id, label })) }),
    'generate.start': (req) => studio.jobs.start(req),
    'job.cancel': async (req) => ({ cancelled: studio.jobs.cancel(req.jobId) }),
    'gallery.search': (req) => studio.gallery.search(req),
    'gallery.image': (req) => studio.gallery.image(req.id),
  };
}

export function createRouter(studio: Studio, onInternalError: (op: string, err: unknown) => void = logInternal): Router {
  const handlers = handlersFor(studio);
  const schedulers = listSchedulers().map((s) => s.id);
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
