// The event bus between services and hosts: services emit contract events, each host (Electron window,
// web socket clients, tests) subscribes once and forwards them. Synchronous, in-process, no buffering.
import type { AnyEvent, EventName, EventPayload } from '../../src-shared/contract/index.js';

export type EventListener = (event: AnyEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const message = { event, payload } as AnyEvent;
    for (const l of [...this.listeners]) {
      try {
        l(message);
      } catch (err) {
        // NOTE: one broken subscriber (a closed socket, a destroyed window) must not stop the others or the job.
        process.emitWarning(`event listener failed on ${event}: ${(err as Error).message}`);
      }
    }
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
