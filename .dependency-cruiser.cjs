// The layering rules checked by `npm run lint` (dependency-cruiser, run through bin/depcruise.js).
// One way: hosts (cli, server, electron) → ipc → services → domain (engine, hub, gallery, timeline) → src-shared.
// Each message names the way to go instead. Known violations others are fixing: .dependency-cruiser-known-violations.json (npm run lint ignores them).
const fs = require('node:fs');
const path = require('node:path');

const HOSTS = '(cli|server|electron)';

// Folders in a known folder-level circle that others are fixing (engine/runtime ↔ engine/onnx; hub and
// gallery ↔ services through services/paths.ts). dependency-cruiser's --ignore-known does not cover
// folder-scoped rules, so they are exempted here; LINT_LAYERS_ALL=1 shows them (test/architecture does).
// Remove a folder once its circle is gone.
// Folder cycles being untangled elsewhere, exempted from the rule until fixed (none today).
const KNOWN_FOLDER_CYCLES = [];
const folderCycleExempt =
  process.env.LINT_LAYERS_ALL === '1' || KNOWN_FOLDER_CYCLES.length === 0 ? {} : { pathNot: `^src-main/(${KNOWN_FOLDER_CYCLES.join('|')})$` };
const DOMAIN = '(engine|hub|gallery|timeline)';

/** Domain folders shown through an index.ts: engine/<sub>, hub, gallery, timeline (only those that have one). */
function domainFoldersWithIndex() {
  const main = path.join(__dirname, 'src-main');
  const engine = path.join(main, 'engine');
  const subs = fs.existsSync(engine)
    ? fs.readdirSync(engine, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `engine/${d.name}`)
    : [];
  return [...subs, 'hub', 'gallery', 'timeline'].filter((f) => fs.existsSync(path.join(main, f, 'index.ts')));
}

const throughIndex = domainFoldersWithIndex().map((folder) => ({
  name: 'domain-through-index',
  severity: 'error',
  comment:
    `src-main/${folder} shows only its index.ts to other folders. Import from "src-main/${folder}/index.js"; ` +
    'if what you need is not exported there, export it from index.ts.',
  from: { path: '^', pathNot: `^src-main/${folder}/` },
  to: { path: `^src-main/${folder}/`, pathNot: `^src-main/${folder}/index\\.ts$` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-not-to-services-ipc-hosts',
      severity: 'error',
      comment:
        'Domain modules (engine, hub, gallery, timeline) never import services, ipc or hosts. Take what you need ' +
        '(folders, app version, a log function) as an argument, and let services/studio.ts pass it in.',
      from: { path: `^src-main/${DOMAIN}/` },
      to: { path: `^src-main/(services|ipc|cli|server|electron)/` },
    },
    {
      name: 'services-not-to-ipc-hosts',
      severity: 'error',
      comment:
        'Services never import ipc or hosts. Move the shared piece down into services (or src-shared), ' +
        'or have the host pass it to the service.',
      from: { path: '^src-main/services/' },
      to: { path: `^src-main/(ipc|cli|server|electron)/` },
    },
    {
      name: 'ipc-not-to-hosts',
      severity: 'error',
      comment: 'ipc never imports a host (cli, server, electron). Move the shared piece into ipc or services.',
      from: { path: '^src-main/ipc/' },
      to: { path: `^src-main/${HOSTS}/` },
    },
    {
      name: 'hosts-not-to-each-other',
      severity: 'error',
      comment:
        'Hosts (cli, server, electron) do not import each other. Move the shared piece into ipc or services ' +
        'and import it from there in both hosts.',
      from: { path: `^src-main/${HOSTS}/` },
      to: { path: `^src-main/${HOSTS}/`, pathNot: '^src-main/$1/' },
    },
    {
      name: 'domain-siblings-apart',
      severity: 'error',
      comment:
        'engine, hub, gallery and timeline are siblings and do not import each other. Put the shared piece ' +
        'in src-shared (pure) or let a service combine the two.',
      from: { path: '^src-main/(engine|hub|gallery)/' },
      to: { path: `^src-main/${DOMAIN}/`, pathNot: '^src-main/$1/' },
    },
    {
      name: 'timeline-on-engine-only',
      severity: 'error',
      comment:
        'The timeline records what the engine computes: it may use the engine\'s public modules (engine/<sub>/index.ts, ' +
        'engine/npy.ts, engine/float16.ts) and nothing of hub or gallery; joining it to the gallery is a service\'s job.',
      from: { path: '^src-main/timeline/' },
      to: { path: '^src-main/(engine|hub|gallery)/', pathNot: '^src-main/engine/(?:[^/]+/index\\.ts|npy\\.ts|float16\\.ts)$' },
    },
    {
      name: 'renderer-only-shared',
      severity: 'error',
      comment:
        'The renderer imports only src-shared and npm packages (no src-main, src-preload or Node builtins). ' +
        'Reach the main process through src-renderer/api (window.studio or HTTP/WS), with types from src-shared.',
      from: { path: '^src-renderer/', pathNot: '^src-renderer/vite\\.config\\.ts$' },
      to: {
        pathNot: '^(src-renderer|src-shared|node_modules)/',
        dependencyTypesNot: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'unknown'],
      },
    },
    {
      name: 'shared-pure',
      severity: 'error',
      comment:
        'src-shared is pure TypeScript shared by main and renderer: no Node builtins, nothing from src-main, ' +
        'src-renderer or src-preload. Keep the Node part in src-main and share only types, schemas and data here.',
      from: { path: '^src-shared/' },
      to: { path: '^(src-main|src-renderer|src-preload)/|^node:|^[a-z_]+$', dependencyTypes: ['core', 'local'] },
    },
    {
      name: 'preload-only-electron',
      severity: 'error',
      comment:
        'The preload imports only "electron" at run time (types from src-shared are fine: use `import type`). ' +
        'It forwards the contract over ipcRenderer and nothing else.',
      from: { path: '^src-preload/' },
      to: { pathNot: '^node_modules/electron/|^electron$|^src-shared/' },
    },
    {
      name: 'preload-shared-types-only',
      severity: 'error',
      comment: 'The preload may take types from src-shared but no run-time code: write `import type { … }`.',
      from: { path: '^src-preload/' },
      to: { path: '^src-shared/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'electron-only-in-electron-host',
      severity: 'error',
      comment:
        'Only src-main/electron and src-preload import "electron". Put Electron glue in src-main/electron and ' +
        'pass plain values (paths, callbacks) down to ipc/services.',
      from: { pathNot: '^src-main/electron/|^src-preload/' },
      to: { path: '^node_modules/electron/|^electron$' },
    },
    ...throughIndex,
    {
      name: 'no-folder-cycles',
      severity: 'error',
      scope: 'folder',
      comment:
        'Folders must not depend on each other in a circle. Move the piece both need into the lower folder ' +
        '(or a new leaf folder) so the dependency runs one way.',
      from: folderCycleExempt,
      to: { circular: true },
    },
    {
      // The folder-scoped check does not see a folder and its own subfolder in a circle (cli ↔ cli/commands).
      name: 'no-module-cycles',
      severity: 'error',
      comment:
        'Modules must not import each other in a circle. Move what both need into a third module that both ' +
        'import (for a host: pass it as an argument to the command instead of importing the entry point).',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Type-only imports count too (the preload rule tells them apart).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // node_modules is a symlink to a shared install here: keep its paths as node_modules/….
    preserveSymlinks: true,
    // NOTE: not `exclude`: that would drop npm packages from the graph, and the electron rule must see them.
    doNotFollow: { path: '(^|/)node_modules/' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.vue', '.json', '.d.ts'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
