// Type tests (checked by `tsc -p tsconfig.json`): every contract op has exactly one router handler,
// StudioApi calls are typed by op, and events by name.
import { expectTypeOf } from 'vitest';
import type { EventPayload, OpName, OpRequest, OpResponse, StudioApi } from '../../src-shared/contract/index.js';
import type { Handlers } from '../../src-main/ipc/router.js';

expectTypeOf<keyof Handlers>().toEqualTypeOf<OpName>();
expectTypeOf<OpRequest<'generate.start'>['seed']>().toEqualTypeOf<string | number | null | undefined>();
expectTypeOf<OpResponse<'generate.start'>>().toEqualTypeOf<{ jobId: string; seed: string }>();
expectTypeOf<EventPayload<'job.error'>['error']['code']>().toEqualTypeOf<string>();

declare const api: StudioApi;
expectTypeOf(api.invoke('job.cancel', { jobId: 'job-1' })).resolves.toEqualTypeOf<{ cancelled: boolean }>();
// @ts-expect-error: an unknown op does not type-check
void api.invoke('fs.delete', {});
// @ts-expect-error: a request missing its required field does not type-check
void api.invoke('job.cancel', {});
