// The model layouts, most specific first; the first whose detect() matches wins. Pure data, shared by
// the engine (what it loads) and the hub (what it downloads and imports), so both accept the same folders.
export { LAYOUTS } from './table.js';

export type { ComponentName, FolderListing, ModelLayout } from './types.js';
export { checkLayout, incompleteFolderMessage, refusedKind, type LayoutCheck } from './check.js';
