// The CLI's cancellation: one AbortSignal that fires on Ctrl-C / SIGTERM, for commands to pass to long work.
// Its own module so that commands and main.ts do not import each other.

let current: AbortController | undefined;

/** Starts listening for SIGINT/SIGTERM; returns the function that stops listening. */
export function listenForInterrupt(): () => void {
  const controller = new AbortController();
  current = controller;
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** The signal that fires on Ctrl-C / SIGTERM (undefined when the CLI is not running). */
export function getCliSignal(): AbortSignal | undefined {
  return current?.signal;
}
