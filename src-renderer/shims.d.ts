// Ambient module shapes for what Vite bundles: single-file components and CSS (vue-tsc reads the .vue files themselves).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
declare module '*.css';
