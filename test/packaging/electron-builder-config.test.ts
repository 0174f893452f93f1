// electron-builder.yml, checked with electron-builder's own code: its schema validation, and its file
// filter over the paths a checkout has (what goes into the app archive, what stays out, what is unpacked).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures.js';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void> };
const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js') as {
  FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => { createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean };
};
const { Minimatch } = require('minimatch') as { Minimatch: new (pattern: string, options: { dot: boolean }) => { match(p: string): boolean } };

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  buildDependenciesFromSource: boolean;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
}

async function loadConfig(): Promise<BuilderConfig> {
  return yaml.load(await readFile(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

/** Whether electron-builder's app-file filter takes a checkout path into the archive. */
async function packaged(): Promise<(rel: string) => boolean> {
  const filter = new FileMatcher(REPO_ROOT, '/app', (s) => s, (await loadConfig()).files).createFilter();
  return (rel) => filter(path.join(REPO_ROOT, rel), { isDirectory: () => false });
}

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s own schema validation (and a broken copy does not)', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, linux: { targett: ['AppImage'] } }, { isEnabled: false, add() {} })).rejects.toThrow(/does not match the API schema/);
  });

  it('builds AppImage and deb on Linux, NSIS on Windows, dmg on macOS', async () => {
    const config = await loadConfig();
    expect([config.linux.target, config.win.target, config.mac.target]).toEqual([['AppImage', 'deb'], ['nsis'], ['dmg']]);
  });

  it('packs the compiled app and its resources', async () => {
    const take = await packaged();
    const main = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')).main as string;
    for (const rel of ['package.json', main, 'dist/src-preload/preload.js', 'dist/src-shared/contract/index.js', 'dist/renderer/index.html', 'dist/renderer/assets/index-abc123.js', 'resources/catalog.json', 'resources/tokenizers/clip/vocab.json',
      // the built-in demo model that `npm run build` writes (its generator in tools/ stays out)
      'dist/default-model/model_index.json', 'dist/default-model/synthetic.json', 'dist/default-model/unet/model.onnx', 'dist/default-model/unet/weights.pb']) {
      expect(take(rel), rel).toBe(true);
    }
    const scripts = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.build).toMatch(/npm run build:default-model$/);
    expect(scripts['build:default-model']).toBe('node bin/run-ts.js tools/build-default-model.ts');
  });

  it('leaves out sources, tests, benchmarks, tools and source maps', async () => {
    const take = await packaged();
    for (const rel of [
      'src-main/electron/main.ts', 'src-shared/contract/index.ts', 'src-preload/preload.ts', 'src-renderer/App.vue',
      'test/server/web-host.test.ts', 'bench/generate.ts', 'tools/make-tiny-model.ts', 'docs/benchmarks.md',
      'dist/test/server/web-host.test.js', 'dist/bench/generate.js', 'dist/tools/make-tiny-model.js', 'dist/src-main/electron/main.js.map',
      'tsconfig.json', 'electron-builder.yml', 'README.md',
    ]) {
      expect(take(rel), rel).toBe(false);
    }
  });

  it('unpacks the native addons from the asar and rebuilds them for Electron', async () => {
    const config = await loadConfig();
    const unpack = config.asarUnpack.map((p) => new Minimatch(p, { dot: true }));
    for (const rel of [
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/sharp/lib/sharp.js',
      'node_modules/@img/sharp-libvips-linux-x64/lib/libvips-cpp.so.8.17.3',
    ]) {
      expect(unpack.some((m) => m.match(rel)), rel).toBe(true);
    }
    expect(unpack.some((m) => m.match('node_modules/vue/dist/vue.runtime.esm-bundler.js'))).toBe(false);
    expect([config.npmRebuild, config.buildDependenciesFromSource]).toEqual([true, false]);
  });
});
