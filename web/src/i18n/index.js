// vue-i18n setup: zh-CN first, English second; the choice lives in localStorage and drives
// the Element Plus locale too (see App.vue).
import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN.js';
import en from './en.js';

export const LANGS = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
];
const STORAGE_KEY = 'dudao.lang';

function initialLocale() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (LANGS.some((l) => l.code === saved)) return saved;
  } catch { /* storage blocked */ }
  return 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export function currentLocale() {
  return i18n.global.locale.value;
}

export function setLocale(code) {
  if (!LANGS.some((l) => l.code === code)) return;
  i18n.global.locale.value = code;
  try { localStorage.setItem(STORAGE_KEY, code); } catch { /* storage blocked */ }
  document.documentElement.lang = code;
}

export const t = (...args) => i18n.global.t(...args);

// The API's messages are "中文 / English"; show the half of the current language.
export function localizeMessage(message) {
  if (!message) return '';
  const parts = String(message).split(' / ');
  if (parts.length < 2) return message;
  return currentLocale() === 'en' ? parts.slice(1).join(' / ') : parts[0];
}
