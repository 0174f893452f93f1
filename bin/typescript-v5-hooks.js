// Module hooks that resolve `typescript` (and `typescript/…`) to `typescript-v5` (TypeScript 5.9).
// NOTE: the project's `typescript` is 7 (native, no JS API); tools that parse TypeScript through the
// JS API (dependency-cruiser) load it by name. Used by bin/depcruise.js only; nothing else changes.
import Module from 'node:module';

const TS = /^typescript(\/.*)?$/;

/** Rewrites a `typescript[/subpath]` specifier to `typescript-v5[/subpath]`; others pass through. */
export function toTypescriptV5(specifier) {
  const m = TS.exec(specifier);
  return m ? `typescript-v5${m[1] ?? ''}` : specifier;
}

/** ESM resolve hook (registered with `module.register`): covers `import('typescript')`. */
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(toTypescriptV5(specifier), context);
}

/** Covers CommonJS `require('typescript…')` (module.register's hooks do not reach require on Node 20). */
export function redirectRequire() {
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return original.call(this, toTypescriptV5(request), ...rest);
  };
}
