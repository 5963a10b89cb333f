// The session as the web app knows it: the user and the session's CSRF token. The cookie
// itself is HttpOnly; GET /auth/me tells whether it is still alive.
import { defineStore } from 'pinia';
import { authApi } from '@/api';
import { ApiError } from '@/api/http.js';

export const useAuthStore = defineStore('auth', {
  state: () => ({
    user: null,
    csrfToken: '',
    loaded: false, // /auth/me answered once since the page loaded
  }),
  getters: {
    isLoggedIn: (s) => !!s.user,
    role: (s) => (s.user ? s.user.role : null),
  },
  actions: {
    setSession(data) {
      this.user = data ? data.user : null;
      this.csrfToken = data ? data.csrf_token || '' : '';
      this.loaded = true;
    },
    // Resolves to true when a session exists; 401 means none, other errors propagate.
    async fetchMe() {
      try {
        this.setSession(await authApi.me());
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          this.setSession(null);
          return false;
        }
        throw e;
      }
    },
    async login(username, password) {
      this.setSession(await authApi.login(username, password));
    },
    async logout() {
      try { await authApi.logout(); } catch { /* the session may be gone already */ }
      this.clear();
    },
    clear() {
      this.user = null;
      this.csrfToken = '';
      this.loaded = true;
    },
  },
});
