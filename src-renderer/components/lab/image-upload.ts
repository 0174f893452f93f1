// A picked or dropped image file as a data: URL small enough for one request: sent as is when it fits,
// else scaled down in a canvas (longest side UPLOAD_SIDE, PNG, JPEG when even that is too big).
// Not here: cutting sides to multiples of 8 (lab.encode does that and reports it).
import { StudioError } from '../../../src-shared/errors.js';
import type { UploadImage } from '../../stores/lab.js';

/** NOTE: the web host refuses JSON bodies over 1 MiB (BODY_MAX in server/web-host.ts); leave room for the rest. */
export const UPLOAD_URL_MAX = 900_000;
/** Stable Diffusion 1.x's own size: larger inputs only make the VAE slower. */
export const UPLOAD_SIDE = 512;

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function loadImage(url: string, name: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new StudioError('lab/not-an-image', `"${name}" cannot be read as an image by the browser. Use a PNG, JPEG or WebP file.`, { name }));
    img.src = url;
  });
}

export async function prepareUpload(file: File): Promise<UploadImage> {
  if (!/^image\/(png|jpeg|webp)$/.test(file.type)) {
    throw new StudioError('lab/not-an-image', `"${file.name}" is ${file.type || 'of an unknown type'}; the Lab reads PNG, JPEG or WebP files.`, { name: file.name });
  }
  const url = await readAsDataUrl(file);
  const img = await loadImage(url, file.name);
  const { naturalWidth: w0, naturalHeight: h0 } = img;
  if (url.length <= UPLOAD_URL_MAX && Math.max(w0, h0) <= UPLOAD_SIDE) return { url, name: file.name, width: w0, height: h0 };
  const scale = Math.min(1, UPLOAD_SIDE / Math.max(w0, h0));
  const width = Math.max(8, Math.round(w0 * scale));
  const height = Math.max(8, Math.round(h0 * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new StudioError('lab/not-an-image', `"${file.name}" cannot be scaled down: this browser gives no 2D canvas.`, { name: file.name });
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(img, 0, 0, width, height);
  let small = canvas.toDataURL('image/png');
  // NOTE: a detailed 512×512 photo can exceed the limit as PNG; JPEG at high quality fits and its loss is
  // far below what the VAE loses, so the round trip still shows the VAE's part.
  if (small.length > UPLOAD_URL_MAX) small = canvas.toDataURL('image/jpeg', 0.92);
  return { url: small, name: file.name, width, height, resizedFrom: { width: w0, height: h0 } };
}
