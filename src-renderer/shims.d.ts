// Ambient module shapes for what Vite bundles but tsc cannot read: single-file components and CSS.
// (No vue-tsc here: templates are compiled, and so checked, by the Vite build.)
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
declare module '*.css';
