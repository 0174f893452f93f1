// The web host's public surface.
export { startWebHost, defaultRendererDir, DEFAULT_HOST, DEFAULT_PORT, type WebHost, type WebHostOptions } from './web-host.js';
export { isLoopbackHost } from './guard.js';
