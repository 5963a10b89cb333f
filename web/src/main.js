import { createApp, watch } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus, { ElMessage } from 'element-plus';
import 'element-plus/dist/index.css';
import './styles/index.css';

import App from './App.vue';
import { i18n, t, currentLocale } from './i18n';
import { router } from './router';
import { configureHttp } from './api/http.js';
import { configureTransfer } from './api/transfer.js';
import { useAuthStore } from './stores/auth.js';
import { useRegionStore } from './stores/regions.js';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
app.use(ElementPlus);

const auth = useAuthStore(pinia);
const regions = useRegionStore(pinia);
let expiredShownAt = 0;

configureHttp({
  csrfToken: () => auth.csrfToken,
  async refreshCsrf() {
    try { return await auth.fetchMe(); } catch { return false; }
  },
  // 401 unauthenticated on an ordinary call: the session expired (idle timeout) or was ended.
  onUnauthenticated() {
    const wasLoggedIn = auth.isLoggedIn;
    auth.clear();
    regions.reset();
    const current = router.currentRoute.value;
    if (current.name === 'login') return;
    if (wasLoggedIn && Date.now() - expiredShownAt > 3000) {
      expiredShownAt = Date.now();
      ElMessage.warning({ message: t('session.expired'), grouping: true });
    }
    router.replace({ path: '/login', query: { redirect: current.fullPath } });
  },
});

configureTransfer({ csrfToken: () => auth.csrfToken });

// A logout or login elsewhere: forget the region cache of the previous account.
watch(() => auth.user && auth.user.id, () => regions.reset());

document.documentElement.lang = currentLocale();
app.use(router);
app.mount('#app');
