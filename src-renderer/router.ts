// The screens and their routes (UI.md): one view per screen, loaded on demand. Hash history, so the same
// URLs work under Electron's studio:// protocol and the web host without server-side routes.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

/** The navigation, in order: route name = i18n key `nav.<name>`. */
export const SCREENS = ['generate', 'gallery', 'timeline', 'lab', 'models', 'settings'] as const;
export type ScreenName = (typeof SCREENS)[number];

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/generate' },
  { path: '/generate', name: 'generate', component: () => import('./views/GenerateView.vue') },
  { path: '/gallery/:id?', name: 'gallery', component: () => import('./views/GalleryView.vue') },
  { path: '/timeline/:id?', name: 'timeline', component: () => import('./views/TimelineView.vue') },
  { path: '/lab', name: 'lab', component: () => import('./views/LabView.vue') },
  { path: '/models', name: 'models', component: () => import('./views/ModelsView.vue') },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
  // NOTE: an unknown route says so instead of silently showing another screen.
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
];

export function createStudioRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
