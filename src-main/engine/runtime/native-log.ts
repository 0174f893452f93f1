// How loud onnxruntime's native logging is: quiet by default (fatal only: its errors become StudioErrors whose
// cause keeps the native text for the log),
// verbose when the host asks (--verbose). Process-wide, like onnxruntime's own environment; it does not
// capture what native code prints itself (Dawn's warnings): see vulkan-drivers.ts for how we avoid those.
import * as ort from 'onnxruntime-node';

export type NativeLogMode = 'quiet' | 'verbose';

let mode: NativeLogMode = 'quiet';

/**
 * Sets the native log mode. onnxruntime reads `env.logLevel` once, when the first session is created;
 * the session severity applies to every session created afterwards.
 */
export function setNativeLogMode(next: NativeLogMode): void {
  mode = next;
  ort.env.logLevel = next === 'verbose' ? 'warning' : 'fatal';
}

/** onnxruntime's session `logSeverityLevel`: 2 = warning and up, 4 = fatal only. */
export function nativeLogSeverity(): 2 | 4 {
  return mode === 'verbose' ? 2 : 4;
}

setNativeLogMode(mode);
