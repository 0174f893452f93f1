#!/usr/bin/env node
// Type-checks the renderer's .vue files: vue-tsc 3 run against TypeScript 5.9 (`typescript-v5`).
// NOTE: the project's `typescript` is 7 (native, no JS API) and vue-tsc needs the JS API, so we
// hand vue-tsc the tsc of `typescript-v5`; vue-tsc's `run(tscPath)` takes it as its argument.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('vue-tsc').run(require.resolve('typescript-v5/lib/tsc'));
