// The layouts, most specific first; the first whose detect() matches wins.
import { diffusersOnnxLayout } from './diffusers-onnx.js';
import { optimumLayout } from './optimum.js';
import { plainOnnxLayout } from './plain-onnx.js';
import type { ModelLayout } from './types.js';

export const LAYOUTS: readonly ModelLayout[] = Object.freeze([diffusersOnnxLayout, optimumLayout, plainOnnxLayout]);
