// Layout state: side menu collapsed (desktop), drawer open (phone), viewport class.
import { defineStore } from 'pinia';

const COLLAPSE_KEY = 'dudao.sidebarCollapsed';
export const MOBILE_WIDTH = 768;

function readCollapsed() {
  try { return localStorage.getItem(COLLAPSE_KEY) === '1'; } catch { return false; }
}

export const useAppStore = defineStore('app', {
  state: () => ({
    collapsed: readCollapsed(),
    isMobile: typeof window !== 'undefined' && window.innerWidth < MOBILE_WIDTH,
    drawerOpen: false,
    passwordOpen: false, // the change-password dialog of the layout
  }),
  actions: {
    toggleMenu() {
      if (this.isMobile) {
        this.drawerOpen = !this.drawerOpen;
        return;
      }
      this.collapsed = !this.collapsed;
      try { localStorage.setItem(COLLAPSE_KEY, this.collapsed ? '1' : '0'); } catch { /* blocked */ }
    },
    updateViewport() {
      const mobile = window.innerWidth < MOBILE_WIDTH;
      if (mobile !== this.isMobile) {
        this.isMobile = mobile;
        this.drawerOpen = false;
      }
    },
  },
});
