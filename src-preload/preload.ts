// window.studio: the contract over ipcRenderer, nothing else. A sandboxed preload is a CommonJS script
// that may require only 'electron' (hence src-preload/package.json and no runtime imports from src-shared).
// Only `studio:` channels with an `area.name` name pass; main validates every request again.
import electron = require('electron');
import type { StudioBridge, WireResult } from '../src-shared/contract/index.js';

const { contextBridge, ipcRenderer } = electron;
const PREFIX = 'studio:';
const NAME = /^[a-z]+\.[a-z][A-Za-z0-9]*$/;

function channel(name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) throw new Error(`Not a studio operation or event name: ${String(name)}`);
  return `${PREFIX}${name}`;
}

const studio: StudioBridge = {
  invoke(op: string, request: unknown): Promise<WireResult> {
    return ipcRenderer.invoke(channel(op), request) as Promise<WireResult>;
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    const ch = channel(event);
    const wrapped = (_e: electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(ch, wrapped);
    return () => {
      ipcRenderer.removeListener(ch, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('studio', studio);
