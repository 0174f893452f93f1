// The logger on real files: line format, levels, job ids that grep finds, the size cap and the one kept rotation.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Logger, logFilePath, parseLogLevel } from '../../src-main/services/log.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'log-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Logger', () => {
  it('writes time, level, scope and job id to the file, and only warnings and up to stderr', () => {
    const file = logFilePath(path.join(tmp, 'a'));
    expect(file).toBe(path.join(tmp, 'a', 'logs', 'latent-studio.log'));
    const stderr: string[] = [];
    const logger = new Logger({ file, stderrLevel: 'warn', writeStderr: (t) => stderr.push(t) });
    logger.log('info', 'serve', 'listening on http://127.0.0.1:7860');
    const jobLog = logger.scoped('engine', 'job-m1x2-0badcafe');
    jobLog('warn', 'webgpu skipped: no GPU adapter\nnative: webgpu_context.cc:136 No supported adapters');
    jobLog('debug', 'step 1/2');
    logger.close();

    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO  serve listening on http:\/\/127\.0\.0\.1:7860$/);
    // Every physical line of a job's message carries the job id, so grep finds the native detail too.
    const jobLines = lines.filter((l) => l.includes('job-m1x2-0badcafe'));
    expect(jobLines).toHaveLength(3);
    expect(jobLines[1]).toMatch(/ WARN  engine job-m1x2-0badcafe native: webgpu_context\.cc:136 No supported adapters$/);
    expect(jobLines[2]).toMatch(/ DEBUG engine job-m1x2-0badcafe step 1\/2$/);
    expect(stderr.join('')).toBe(
      'warn: engine job-m1x2-0badcafe: webgpu skipped: no GPU adapter\nwarn: engine job-m1x2-0badcafe: native: webgpu_context.cc:136 No supported adapters\n',
    );
  });

  it('rotates at the size cap, keeping exactly one previous file, and appends across loggers', () => {
    const file = logFilePath(path.join(tmp, 'b'));
    const maxBytes = 1000;
    const first = new Logger({ file, stderrLevel: 'silent', maxBytes });
    for (let i = 0; i < 5; i++) first.log('info', 'test', `line ${i} ${'x'.repeat(40)}`);
    first.close();
    const sizeBefore = statSync(file).size;
    expect(sizeBefore).toBeGreaterThan(0);
    expect(existsSync(`${file}.1`)).toBe(false);

    // A second logger (the next run) appends to the same file, then rotates twice: only one .1 is kept.
    const second = new Logger({ file, stderrLevel: 'silent', maxBytes });
    for (let i = 5; i < 60; i++) second.log('info', 'test', `line ${i} ${'x'.repeat(40)}`);
    second.close();
    const current = readFileSync(file, 'utf8');
    const previous = readFileSync(`${file}.1`, 'utf8');
    expect(Buffer.byteLength(current)).toBeLessThanOrEqual(maxBytes);
    expect(Buffer.byteLength(previous)).toBeLessThanOrEqual(maxBytes);
    expect(readdirSync(path.dirname(file)).sort()).toEqual(['latent-studio.log', 'latent-studio.log.1']);
    const numbers = (text: string) => [...text.matchAll(/ line (\d+) /g)].map((m) => Number(m[1]));
    // The newest lines are in the current file, the ones just before in .1, contiguous; older ones are gone.
    const kept = [...numbers(previous), ...numbers(current)];
    expect(kept.at(-1)).toBe(59);
    expect(kept).toEqual(kept.map((_, i) => kept[0] + i));
    expect(kept[0]).toBeGreaterThan(0);
  });

  it('parses level names and refuses others', () => {
    expect(parseLogLevel('WARN')).toBe('warn');
    expect(parseLogLevel('verbose')).toBeUndefined();
    expect(parseLogLevel(undefined)).toBeUndefined();
  });
});
