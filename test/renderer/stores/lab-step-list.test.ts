// The Lab store's own check of "Steps to show": a comma list of schedule indices, refused with the
// allowed range (translated by code lab/bad-step-list) before any request goes out.
import { describe, expect, it } from 'vitest';
import { parseStepList } from '../../../src-renderer/stores/lab-step-list.js';

describe('parseStepList', () => {
  it('reads a comma list of indices, spaces and empty items aside', () => {
    expect(parseStepList('0, 4, 9', 10)).toEqual([0, 4, 9]);
    expect(parseStepList(' 3 ,', 10)).toEqual([3]);
    expect(parseStepList('9,0', 10)).toEqual([9, 0]);
  });

  it.each(['', ' , ', '0, 10', '-1', '1.5', 'a', '0 4'])('refuses %j with the allowed range', (text) => {
    expect(() => parseStepList(text, 10)).toThrow(expect.objectContaining({ code: 'lab/bad-step-list', params: { max: 9 } }));
  });
});
