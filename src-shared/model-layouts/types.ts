// What a model layout is: a named way of arranging a Stable Diffusion ONNX export on disk.
// Detection looks at files only, never at the folder or repository name.

export type ComponentName = 'text_encoder' | 'unet' | 'vae_decoder' | 'vae_encoder';

/** A listing of the folder: relative paths with '/' separators. */
export interface FolderListing {
  dir: string;
  files: ReadonlySet<string>;
  /** Parsed model_index.json, or undefined when absent/unreadable. */
  modelIndex?: Record<string, unknown>;
}

export interface ModelLayout {
  id: string;
  label: string;
  /** True when the listing has this layout's telltale files. */
  detect(listing: FolderListing): boolean;
  /** Graph file of each component, relative to the folder. */
  components: Readonly<Record<ComponentName, string>>;
  /** Files that must be present (beyond the graphs) for the engine to load the model. */
  requiredFiles: readonly string[];
  /** Where ONNX external weights sit beside a graph in this layout (informational). */
  externalData: readonly string[];
}

export const STANDARD_COMPONENTS: Readonly<Record<ComponentName, string>> = Object.freeze({
  text_encoder: 'text_encoder/model.onnx',
  unet: 'unet/model.onnx',
  vae_decoder: 'vae_decoder/model.onnx',
  vae_encoder: 'vae_encoder/model.onnx',
});

export const STANDARD_REQUIRED: readonly string[] = Object.freeze([
  'tokenizer/vocab.json',
  'tokenizer/merges.txt',
  'scheduler/scheduler_config.json',
  'text_encoder/model.onnx',
  'unet/model.onnx',
  'vae_decoder/model.onnx',
]);

export function modelIndexClass(listing: FolderListing): string | undefined {
  const c = listing.modelIndex?._class_name;
  return typeof c === 'string' ? c : undefined;
}
