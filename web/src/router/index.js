// Router: /login outside the layout, every other page inside it. The guard makes sure the
// session is known (GET /auth/me once per page load) and sends strangers to /login; the
// role check itself is done by the layout, which shows the 403 page in place so that the
// address stays what the user asked for.
import { createRouter, createWebHistory } from 'vue-router';
import { flattenRoutes, publicAreaRoutes } from './routes.js';
import { useAuthStore } from '@/stores/auth.js';
import { i18n } from '@/i18n';
import Layout from '@/layout/Layout.vue';

const routes = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/Login.vue'),
    meta: { public: true, title: 'login.title' },
  },
  ...publicAreaRoutes.map((r) => ({ ...r, meta: { ...r.meta, public: true } })),
  {
    path: '/',
    component: Layout,
    children: [
      ...flattenRoutes().map((r) => ({ ...r, path: r.path === '/' ? '' : r.path.replace(/^\//, '') })),
      {
        path: ':pathMatch(.*)*',
        name: 'notFound',
        component: () => import('@/views/error/NotFound.vue'),
        meta: { title: 'error.notFound', menu: false },
      },
    ],
  },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

// Only same-site paths are followed after login.
export function safeRedirect(target) {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return '/';
  if (target.startsWith('/login')) return '/';
  return target;
}

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  if (!auth.loaded) {
    try {
      await auth.fetchMe();
    } catch {
      // Server unreachable or broken: let public pages show; others go to login.
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && auth.isLoggedIn) return safeRedirect(to.query.redirect);
    return true;
  }
  if (!auth.isLoggedIn) {
    return { path: '/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  return true;
});

router.afterEach((to) => {
  const name = i18n.global.t('app.name');
  const title = to.meta && to.meta.title ? i18n.global.t(to.meta.title) : '';
  document.title = title ? `${title} - ${name}` : name;
});

// After a new version is deployed, an open tab may ask for a page chunk that no longer
// exists: load the page afresh (once) instead of leaving the user on a dead click.
router.onError((err, to) => {
  const msg = String((err && err.message) || err);
  if (!/dynamically imported module|Importing a module script failed|Failed to fetch|error loading dynamically/i.test(msg)) return;
  const key = 'dudao.chunkReload';
  try {
    if (sessionStorage.getItem(key) === to.fullPath) return; // reloaded once already
    sessionStorage.setItem(key, to.fullPath);
  } catch { return; }
  window.location.assign(to.fullPath);
});
router.afterEach(() => { try { sessionStorage.removeItem('dudao.chunkReload'); } catch { /* blocked */ } });
