// Prompt operations that need no model run: prompt.tokenize (token ids, pieces and the 75-token count).
// Not here: prompt weighting or long-prompt chunking (the engine has neither).
import { z } from 'zod';
import { text } from '../common.js';
import { PROMPT_MAX } from '../limits.js';

export const promptTokenizeSchema = z.object({
  text: text(PROMPT_MAX),
  /** A model id from models.list whose tokenizer to use; omitted: the bundled SD 1.x tokenizer. */
  model: z.string().min(1, { error: 'must be a model id from models.list' }).optional(),
}).strict();

export const PROMPT_OPS = {
  'prompt.tokenize': {
    request: promptTokenizeSchema,
    response: z.object({
      /** [bos, …content…, eos], never truncated, e.g. [49406, 320, 1929, 49407]. */
      ids: z.array(z.number()),
      /** The piece of each id, e.g. '<|startoftext|>', 'a</w>'. */
      tokens: z.array(z.string()),
      /** Content tokens (ids without bos and eos): the "12" of "12/75". */
      count: z.number(),
      /** Content tokens the text encoder sees (model_max_length - 2; 75 for SD). */
      limit: z.number(),
      /** Whether count > limit (the tokens past the limit are ignored by the model). */
      truncated: z.boolean(),
    }),
  },
} as const;
