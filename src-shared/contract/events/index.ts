// Every event main pushes to the renderer, once: name (`area.noun`) → payload validator and type.
// One file per area; this table joins them. Job events carry the job id that started them.
// On the wire: `studio:` + name.
import type { z } from 'zod';
import { DOWNLOAD_EVENTS } from './download.js';
import { GALLERY_EVENTS } from './gallery.js';
import { JOB_EVENTS } from './job.js';
import { SETTINGS_EVENTS } from './settings.js';
import { TIMELINE_EVENTS } from './timeline.js';

export * from './download.js';
export * from './gallery.js';
export * from './job.js';
export * from './settings.js';
export * from './timeline.js';

export const EVENTS = {
  ...JOB_EVENTS,
  ...DOWNLOAD_EVENTS,
  ...SETTINGS_EVENTS,
  ...GALLERY_EVENTS,
  ...TIMELINE_EVENTS,
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;
export type AnyEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export const EVENT_NAMES = Object.freeze(Object.keys(EVENTS) as EventName[]);

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, name);
}
