// The contract validators as main applies them to untrusted requests: bad input is rejected with one
// StudioError whose message names the field, the bad value and what is allowed; good input is normalized.
import { describe, expect, it } from 'vitest';
import { EVENTS, OPS, OP_NAMES, fromWireError, parseRequest, toWireError } from '../../src-shared/contract/index.js';
import { CancelledError, StudioError } from '../../src-shared/errors.js';

const SCHEDULERS = ['pndm', 'euler', 'euler-a'];
const ok = { model: 'tiny', prompt: 'a cat' };

function rejection(op: string, input: unknown): StudioError {
  try {
    parseRequest(op as 'generate.start', input, { schedulers: SCHEDULERS });
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    return err as StudioError;
  }
  throw new Error(`expected ${op} ${JSON.stringify(input)} to be rejected`);
}

describe('generate.start', () => {
  it('fills defaults and normalizes the seed to a decimal string', () => {
    const r = parseRequest('generate.start', { ...ok, seed: 42, steps: 20, guidance: 7.5, width: 512, height: 768 }, { schedulers: SCHEDULERS });
    expect(r).toEqual({ ...ok, negativePrompt: '', seed: '42', steps: 20, guidance: 7.5, width: 512, height: 768, batch: 1, rng: 'torch-cpu' });
    expect(parseRequest('generate.start', { ...ok, seed: '18446744073709551615' }).seed).toBe('18446744073709551615');
    expect(parseRequest('generate.start', { ...ok, seed: null }).seed).toBeNull();
  });

  it.each([
    [{ guidance: Number.NaN }, /guidance must be a finite number, got NaN/],
    [{ guidance: Number.POSITIVE_INFINITY }, /guidance must be a finite number, got Infinity/],
    [{ guidance: '7' }, /guidance must be a number, got "7"/],
    [{ width: 500 }, /width must be a multiple of 8, got 500 \(try 504\)/],
    [{ height: 32 }, /height must be from 64 to 2048, got 32/],
    [{ steps: 0 }, /steps must be from 1 to 1000, got 0/],
    [{ steps: 2.5 }, /steps must be a whole number, got 2.5/],
    [{ batch: 99 }, /batch must be from 1 to 64, got 99/],
    [{ seed: '1e5' }, /seed "1e5" is not a decimal integer; use an integer from -9223372036854775808 to 18446744073709551615/],
    [{ seed: 2 ** 60 }, /beyond 2\^53 .* pass it as a string/],
    [{ seed: '18446744073709551616' }, /out of range/],
    [{ prompt: 42 }, /prompt must be text, got 42/],
    [{ prompt: undefined }, /prompt is required/],
    [{ model: '' }, /model is required: pick a model id from models.list/],
    [{ evil: true }, /unknown field\(s\) "evil"/],
  ])('rejects %j', (patch, message) => {
    const err = rejection('generate.start', { ...ok, ...patch });
    expect(err.code).toBe('contract/bad-request');
    expect(err.message).toMatch(/^Invalid generate\.start request: /);
    expect(err.message).toMatch(message);
  });

  it('names every bad field at once, and the first in params', () => {
    const err = rejection('generate.start', { ...ok, width: 65, height: 65 });
    expect(err.message).toMatch(/width .*; height /);
    expect(err.params).toMatchObject({ op: 'generate.start', field: 'width' });
  });

  it('rejects an unknown scheduler, listing the known ones', () => {
    const err = rejection('generate.start', { ...ok, scheduler: 'dpm3' });
    expect(err.code).toBe('engine/unknown-scheduler');
    expect(err.message).toBe('Unknown scheduler "dpm3". Choose one of: pndm, euler, euler-a.');
  });

  it('rejects what is not an object', () => {
    for (const input of ['x', 7, [1]]) expect(rejection('generate.start', input).message).toMatch(/must be a JSON object|expected object/);
  });
});

describe('other operations', () => {
  it('rejects an unknown operation with the list of known ones', () => {
    const err = rejection('fs.delete', {});
    expect(err.code).toBe('contract/unknown-op');
    expect(err.message).toContain('generate.start');
  });

  it('checks ids and pages', () => {
    expect(rejection('job.cancel', {}).message).toMatch(/jobId is required/);
    expect(rejection('job.cancel', { jobId: '../x' }).message).toMatch(/jobId must be a job id/);
    expect(rejection('gallery.image', { id: 'a/b' }).message).toMatch(/id must be a gallery image id/);
    expect(rejection('gallery.search', { offset: -1 }).message).toMatch(/offset must be from 0/);
    expect(parseRequest('gallery.search', {})).toEqual({ query: '', trashed: false, sort: 'date-desc', offset: 0, limit: 48, withTotal: true });
    expect(parseRequest('app.info', undefined)).toEqual({});
    expect(rejection('app.info', { x: 1 }).message).toMatch(/unknown field/);
  });

  it('lists ops as area.verb and events as area.noun', () => {
    expect(OP_NAMES).toEqual(expect.arrayContaining(['app.info', 'models.list', 'schedulers.list', 'generate.start', 'job.cancel', 'gallery.search', 'gallery.image']));
    // Verbs and nouns are lowerCamelCase where one word will not do (lab.denoiseStep, models.convertFp16); the preload passes the same.
    for (const name of [...Object.keys(OPS), ...Object.keys(EVENTS)]) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z0-9]*$/);
    expect(Object.keys(EVENTS)).toEqual(expect.arrayContaining(['job.progress', 'job.done', 'job.error']));
  });
});

describe('wire errors', () => {
  it('round-trips a StudioError and marks cancellation and unknown failures', () => {
    const e = new StudioError('engine/bad-width', 'Bad width.', { value: 65, note: undefined });
    expect(toWireError(e)).toEqual({ code: 'engine/bad-width', message: 'Bad width.', params: { value: 65 } });
    const back = fromWireError(toWireError(e));
    expect([back.code, back.message, back.params]).toEqual(['engine/bad-width', 'Bad width.', { value: 65 }]);
    expect(toWireError(new CancelledError('generation')).code).toBe('cancelled');
    expect(toWireError(new TypeError('boom'))).toEqual({ code: 'internal', message: 'Internal error: boom' });
  });
});
