// The model layouts, most specific first; the first whose detect() matches wins. Pure data, shared by
// the engine (what it loads) and the hub (what it downloads and imports), so both accept the same folders.
import { diffusersOnnxLayout } from './diffusers-onnx.js';
import { optimumLayout } from './optimum.js';
import { plainOnnxLayout } from './plain-onnx.js';
import type { ModelLayout } from './types.js';

export const LAYOUTS: readonly ModelLayout[] = Object.freeze([diffusersOnnxLayout, optimumLayout, plainOnnxLayout]);

export type { ComponentName, FolderListing, ModelLayout } from './types.js';
export { checkLayout, incompleteFolderMessage, refusedKind, type LayoutCheck } from './check.js';
