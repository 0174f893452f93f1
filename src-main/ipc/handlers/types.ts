// The handler of each op: its validated request in, its typed response out.
import type { OpName, OpParsed, OpResponse } from '../../../src-shared/contract/index.js';

export type HandlersOf<O extends OpName> = { [K in O]: (request: OpParsed<K>) => Promise<OpResponse<K>> };
export type Handlers = HandlersOf<OpName>;
