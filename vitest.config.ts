import { defineConfig } from 'vitest/config';

// Tests run real components (onnxruntime sessions, SQLite files, loopback HTTP, Chromium),
// so timeouts are generous and files run in forks (native addons are not worker-safe).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
