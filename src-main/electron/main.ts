// Electron entry: one instance, the studio:// protocol, services composed once, every contract op on
// `studio:<op>` through the shared ipc router, events to the windows, menus and the main window.
// Glue only: each piece lives in its own module, which takes the Electron API as a parameter.
import path from 'node:path';
import { BrowserWindow, Menu, app, ipcMain, protocol, screen, session, shell } from 'electron';
import { createRouter } from '../ipc/router.js';
import { APP_VERSION, resolveAppPaths } from '../services/app-paths.js';
import { findBundledDefaultModel, installDefaultModel } from '../services/default-model.js';
import { Logger, logFilePath, parseLogLevel } from '../services/log.js';
import { Studio } from '../services/studio.js';
import { forwardEvents, registerIpcHandlers } from './ipc.js';
import { menuTemplate } from './menu.js';
import { handleAppProtocol, registerSchemePrivileges } from './protocol.js';
import { denyAllPermissions, guardAllContents, isFromAppPage } from './security.js';
import { claimSingleInstance } from './single-instance.js';
import { loadWindowState, rememberWindowState } from './window-state.js';
import { createElectronSecretStore } from './secret-store.js';
import { createMainWindow } from './window.js';

let mainWindow: BrowserWindow | undefined;

/** `--model DIR` (repeatable) on the app's command line, as `latent-studio serve` takes it. */
function modelFolders(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--model' && argv[i + 1]) out.push(argv[++i]);
    else if (argv[i].startsWith('--model=')) out.push(argv[i].slice('--model='.length));
  }
  return out;
}

async function start(): Promise<void> {
  await app.whenReady();
  const root = app.getAppPath();
  const paths = resolveAppPaths({ userDataDir: app.getPath('userData') });
  const dataDir = paths.home;
  const logger = new Logger({ file: logFilePath(paths.home), stderrLevel: parseLogLevel(process.env.LATENT_STUDIO_LOG_LEVEL) ?? 'warn' });
  logger.log('info', 'electron', `starting, data folder ${paths.home}`);
  // First run: the demo model (built into dist/default-model) is copied into the data folder.
  const demo = await installDefaultModel(paths.home, findBundledDefaultModel());
  if (demo.dir === undefined) logger.log('info', 'electron', `no demo model: ${demo.reason}`);
  const studio = new Studio({
    host: 'electron', paths, logger, modelFolders: modelFolders(process.argv), builtinModel: demo.dir, secrets: createElectronSecretStore(paths.home), log: (m) => logger.log('warn', 'studio', m),
  });
  const router = createRouter(studio, (op, err) => logger.log('error', 'ipc', `internal error in ${op}: ${(err as Error)?.stack ?? String(err)}`));

  denyAllPermissions(session.defaultSession);
  guardAllContents(app, (id) => {
    studio.gallery.imageFile(id).then((file) => shell.showItemInFolder(file), (err: unknown) => {
      process.stderr.write(`latent-studio: cannot show gallery image ${id}: ${(err as Error).message}\n`);
    });
  });
  registerIpcHandlers(ipcMain, router, isFromAppPage);
  forwardEvents(studio.events, () => BrowserWindow.getAllWindows());
  handleAppProtocol(protocol, path.join(root, 'dist', 'renderer'), studio.gallery, studio.timeline);
  app.setAboutPanelOptions({ applicationName: 'Latent Studio', applicationVersion: APP_VERSION });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, { about: () => app.showAboutPanel() })));

  const preload = path.join(root, 'dist', 'src-preload', 'preload.js');
  const openWindow = async () => {
    const bounds = await loadWindowState(dataDir, screen.getAllDisplays().map((d) => d.workArea));
    mainWindow = createMainWindow(BrowserWindow, { preload, bounds });
    rememberWindowState(mainWindow, dataDir);
    mainWindow.on('closed', () => (mainWindow = undefined));
  };
  await openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow().catch((err: unknown) => process.stderr.write(`latent-studio: cannot open the window: ${(err as Error).message}\n`));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault(); // finish the running job's cancellation and close the gallery index first
    studio.close().finally(() => {
      logger.close();
      app.quit();
    });
  });
}

registerSchemePrivileges(protocol);
if (!claimSingleInstance(app, () => mainWindow)) {
  app.quit(); // another instance has the lock and was asked to come to the front
} else {
  start().catch((err: unknown) => {
    process.stderr.write(`latent-studio: failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
    app.exit(1);
  });
}
