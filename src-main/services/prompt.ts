// Prompt tools that need no model run: tokenizing with the bundled tokenizer or a listed model's own.
// Tokenizers are loaded once per folder and kept. Not here: text encoding (the engine does that).
import type { OpResponse } from '../../src-shared/contract/index.js';
import { inspectModelFolder } from '../engine/models/index.js';
import { ClipTokenizer } from '../engine/tokenizer/index.js';
import type { ModelCatalog } from './models.js';

export class PromptService {
  private readonly tokenizers = new Map<string, Promise<ClipTokenizer>>();

  constructor(private readonly models: ModelCatalog) {}

  /** `text`'s ids and pieces with bos/eos, untruncated, and its content count against the model's window. */
  async tokenize(text: string, modelId?: string): Promise<OpResponse<'prompt.tokenize'>> {
    const tokenizer = modelId === undefined ? await ClipTokenizer.bundled() : await this.tokenizerOf((await this.models.resolve(modelId)).path);
    return tokenizeWith(tokenizer, text);
  }

  private tokenizerOf(dir: string): Promise<ClipTokenizer> {
    let t = this.tokenizers.get(dir);
    if (!t) {
      t = (async () => ClipTokenizer.fromDir((await inspectModelFolder(dir)).tokenizerDir))();
      t.catch(() => this.tokenizers.delete(dir)); // a failed load is retried next time; the caller sees the error
      this.tokenizers.set(dir, t);
    }
    return t;
  }
}

/** The token view of `text`: what prompt.tokenize and `latent-studio lab tokens` show. */
export function tokenizeWith(tokenizer: ClipTokenizer, text: string): OpResponse<'prompt.tokenize'> {
  const enc = tokenizer.encode(text);
  const limit = tokenizer.modelMaxLength - 2;
  const count = enc.ids.length - 2;
  return { ids: enc.ids, tokens: enc.tokens, count, limit, truncated: count > limit };
}
