/// <reference types="vite/client" />
// import.meta.glob and import.meta.env, as Vite provides them to the renderer.
