// The Generate form's pure rules: the requests of one click (WebUI's batch count, seeds counting up from a
// typed one), filling the form from an image's parameters, and sizes kept on the 8-pixel grid.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, formFromParameters, keepAspect, requestsOf, snapSide } from '../../src-renderer/stores/generate-form.js';
import { parseRequest } from '../../src-shared/contract/index.js';

const form = { ...DEFAULT_FORM, model: 'm', prompt: 'a fox', steps: 12, batchCount: 3, batchSize: 2 };

describe('generate form', () => {
  it('queues one request per batch; a typed seed counts up by one per batch, beyond 2^53 too', () => {
    const reqs = requestsOf({ ...form, seed: '18446744073709551613' });
    expect(reqs.map((r) => r.seed)).toEqual(['18446744073709551613', '18446744073709551614', '18446744073709551615']);
    expect(reqs.every((r) => r.batch === 2 && r.steps === 12 && r.scheduler === null)).toBe(true);
    // Every request is valid for the contract as it stands.
    for (const r of reqs) expect(parseRequest('generate.start', r).seed).toBe(r.seed);
  });

  it('leaves the seed random for every batch when none was typed, and passes a bad one on for the contract to name', () => {
    expect(requestsOf({ ...form, seed: ' ' }).map((r) => r.seed)).toEqual([null, null, null]);
    const bad = requestsOf({ ...form, seed: 'abc', batchCount: 1 })[0];
    expect(() => parseRequest('generate.start', bad)).toThrow(/seed/);
  });

  it('fills only the fields an image carries, and a sampler only when we have it', () => {
    expect(formFromParameters({ prompt: 'p', steps: 30, seed: '7', scheduler: 'restart', width: 640, model: { name: 'x' } }, ['euler'])).toEqual({ prompt: 'p', steps: 30, seed: '7', width: 640 });
    expect(formFromParameters({ scheduler: 'euler', guidance: 6, height: null }, ['euler'])).toEqual({ scheduler: 'euler', guidance: 6 });
  });

  it('keeps sides on the 8-pixel grid within the limits when the aspect is locked', () => {
    expect(keepAspect('width', 768, 512 / 768)).toBe(1152);
    expect(keepAspect('height', 100, 1)).toBe(104);
    expect(snapSide(10)).toBe(64);
    expect(snapSide(5000)).toBe(2048);
  });
});
