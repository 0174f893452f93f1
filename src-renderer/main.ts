// Renderer entry: one Pinia, one router, one i18n, one App. The transport (IPC or HTTP/WS) is chosen once in api/.
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createStudioI18n } from './i18n/index.js';
import { createStudioRouter } from './router.js';
import { useUiStore } from './stores/ui.js';
import './styles.css';

const pinia = createPinia();
const app = createApp(App).use(pinia);
app.use(createStudioI18n(useUiStore(pinia).locale)).use(createStudioRouter()).mount('#app');
