// The lab.* and prompt.tokenize request validators: defaults, limits, and messages naming the field.
import { describe, expect, it } from 'vitest';
import { LAB_NOISE_FRAMES_MAX, parseRequest } from '../../src-shared/contract/index.js';

const rejection = (op: Parameters<typeof parseRequest>[0], req: unknown) => {
  try {
    parseRequest(op, req);
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error(`${op} accepted ${JSON.stringify(req)}`);
};

describe('lab requests', () => {
  it('fills defaults and normalizes seeds', () => {
    expect(parseRequest('lab.encode', { model: 'm', image: 'abc123' })).toEqual({ model: 'm', image: 'abc123', sample: false });
    expect(parseRequest('lab.encode', { model: 'm', image: 'data:image/jpeg;base64,/9j/', sample: true, seed: 7 })).toMatchObject({ seed: '7' });
    expect(parseRequest('lab.denoiseStep', { model: 'm', latentId: 'lat-1a', timestep: 0 })).toEqual({ model: 'm', latentId: 'lat-1a', timestep: 0, prompt: '' });
  });

  it('names the bad field and what is allowed', () => {
    expect(rejection('lab.encode', { model: 'm', image: 'data:image/gif;base64,R0lG' }).message).toMatch(/image must be a data:image\/png/);
    expect(rejection('lab.encode', { model: 'm', image: '../etc/passwd' }).message).toMatch(/gallery image id/);
    expect(rejection('lab.noise', { model: 'm', latentId: 'job-1', steps: [0] }).message).toMatch(/latentId must be a latent id/);
    const many = Array.from({ length: LAB_NOISE_FRAMES_MAX + 1 }, (_, i) => i);
    expect(rejection('lab.noise', { model: 'm', latentId: 'lat-1', steps: many }).message).toMatch(new RegExp(`steps may name at most ${LAB_NOISE_FRAMES_MAX}`));
    expect(rejection('lab.noise', { model: 'm', latentId: 'lat-1', steps: [1.5] }).message).toMatch(/steps\.\[0\] must be a whole number/);
    expect(rejection('lab.denoiseStep', { model: 'm', latentId: 'lat-1', timestep: 1000 }).message).toMatch(/timestep must be from 0 to 999/);
    expect(rejection('prompt.tokenize', { text: 'x', extra: 1 }).message).toMatch(/unknown field/);
  });
});
