// Renderer entry: one Pinia, one App. The transport (IPC or HTTP/WS) is chosen once in api/.
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import './styles.css';

createApp(App).use(createPinia()).mount('#app');
