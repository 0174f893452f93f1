// Model folders: layout detection and validation. Sessions are created by the pipeline's loader.
export { inspectModelFolder, modelQuickHash, type ModelDefaults, type ModelFamily, type ModelFolder } from './model-folder.js';
export { LAYOUTS, type ComponentName, type ModelLayout } from '../../../src-shared/model-layouts/index.js';
