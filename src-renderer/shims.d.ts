// Ambient module shapes for what Vite bundles but tsc cannot read: single-file components and CSS.
// (vue-tsc, bin/vue-tsc.js, checks the real .vue files; this shim only types a .vue import it cannot resolve.)
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
declare module '*.css';
