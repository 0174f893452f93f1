// Every operation the renderer may ask of main, once: name (`area.verb`) → request and response
// validators; the TypeScript types are inferred from them. One file per area; this table joins them.
// Main validates each request with these (renderers and browsers are untrusted); responses are typed.
import type { z } from 'zod';
import { APP_OPS } from './app.js';
import { GALLERY_OPS } from './gallery.js';
import { GENERATE_OPS } from './generate.js';
import { LAB_OPS } from './lab.js';
import { IMAGE_OPS } from './image.js';
import { PROMPT_OPS } from './prompt.js';
import { MODELS_OPS } from './models.js';
import { SETTINGS_OPS } from './settings.js';
import { TIMELINE_OPS } from './timeline.js';

export * from './app.js';
export * from './gallery.js';
export * from './generate.js';
export * from './lab.js';
export * from './image.js';
export * from './prompt.js';
export * from './models.js';
export * from './settings.js';
export * from './timeline.js';

export const OPS = {
  ...APP_OPS,
  ...GENERATE_OPS,
  ...GALLERY_OPS,
  ...PROMPT_OPS,
  ...LAB_OPS,
  ...IMAGE_OPS,
  ...MODELS_OPS,
  ...SETTINGS_OPS,
  ...TIMELINE_OPS,
} as const;

export type OpName = keyof typeof OPS;
/** What a caller sends (defaults may be omitted). */
export type OpRequest<O extends OpName> = z.input<(typeof OPS)[O]['request']>;
/** What a handler receives after validation (defaults filled, seeds normalized). */
export type OpParsed<O extends OpName> = z.output<(typeof OPS)[O]['request']>;
export type OpResponse<O extends OpName> = z.output<(typeof OPS)[O]['response']>;

export const OP_NAMES = Object.freeze(Object.keys(OPS) as OpName[]);

export function isOpName(name: unknown): name is OpName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(OPS, name);
}
