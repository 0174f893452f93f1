// The preload's bridge, present only under Electron (absent in a browser on the web host).
import type { StudioBridge } from '../src-shared/contract/index.js';

declare global {
  interface Window {
    studio?: StudioBridge;
  }
}
