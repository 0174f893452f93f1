// The studio:// protocol handler with a real gallery on disk: it serves the page with the shared CSP
// and gallery files by id, and refuses every path outside the gallery and renderer folders.
import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from 'electron';
import { APP_SCHEME, appProtocolHandler, handleAppProtocol, registerSchemePrivileges } from '../../src-main/electron/protocol.js';
import { contentSecurityPolicy } from '../../src-main/services/csp.js';
import { GalleryService } from '../../src-main/services/gallery-view.js';
import { patternImage, sampleParams } from '../gallery/helpers/images.js';
import { FakeProtocol } from './fake-electron.js';

let tmp: string;
let gallery: GalleryService;
let serve: (request: Request) => Promise<Response>;
let id: string;
let secondId: string;
const get = (url: string) => serve(new Request(url));

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-protocol-'));
  const rendererDir = path.join(tmp, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Latent Studio</title>');
  await writeFile(path.join(tmp, 'secret.png'), 'root:x:0:0:root:/root:/bin/bash\n');
  gallery = new GalleryService(path.join(tmp, 'gallery'), path.join(tmp, 'exports'));
  const g = await gallery.open();
  id = (await g.save(patternImage(64, 64, 1), sampleParams({ width: 64, height: 64 }))).id;
  secondId = (await g.save(patternImage(64, 64, 2), sampleParams({ width: 64, height: 64, seed: '2' }))).id;
  serve = appProtocolHandler(rendererDir, gallery);
});
afterAll(async () => {
  await gallery?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('studio:// protocol', () => {
  it('registers studio as a standard, secure scheme and handles it', () => {
    const protocol = new FakeProtocol();
    registerSchemePrivileges(protocol as unknown as Protocol);
    expect(protocol.privileged).toEqual([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    handleAppProtocol(protocol as unknown as Protocol, tmp, gallery);
    expect([...protocol.handlers.keys()]).toEqual(['studio']);
  });

  it('serves the page with the shared CSP and no framing', async () => {
    const res = await get('studio://app/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self';");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).toContain('Latent Studio');
    expect((await get('studio://other/index.html')).status).toBe(404);
    expect((await serve(new Request('studio://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('serves gallery images and thumbnails by id', async () => {
    const png = await get(`studio://app/files/gallery/${id}.png`);
    expect([png.status, png.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    const thumb = await get(`studio://app/files/thumbs/${id}.webp`);
    expect([thumb.status, thumb.headers.get('content-type')]).toEqual([200, 'image/webp']);
    expect((await get('studio://app/files/gallery/doesnotexist.png')).status).toBe(404);
  });

  it.each([
    'studio://app/files/gallery/../../etc/passwd.png',
    'studio://app/files/gallery/../../secret.png',
    'studio://app/files/gallery/..%2f..%2fetc%2fpasswd.png',
    'studio://app/files/gallery/%2e%2e%2f%2e%2e%2fetc%2fpasswd.png',
    'studio://app/files/gallery/%2E%2E%2F%2E%2E%2Fsecret.png',
    'studio://app/files/gallery/%252e%252e%252fsecret.png',
    'studio://app/files/gallery/..%5c..%5csecret.png',
    'studio://app/files/gallery/%2fetc%2fpasswd.png',
    'studio://app/files/thumbs/..%2f..%2fsecret.webp',
    'studio://app/..%2fsecret.png',
    'studio://app/files/gallery/%zz.png',
  ])('refuses %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toContain('root:');
    expect(body).not.toContain('Latent Studio');
  });

  it('refuses a gallery file the index points outside the gallery folder (a symlink swapped in)', async () => {
    const file = await gallery.imageFile(secondId);
    await unlink(file);
    await symlink(path.join(tmp, 'secret.png'), file);
    const res = await get(`studio://app/files/gallery/${secondId}.png`);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/outside the gallery folder/);
  });
});
