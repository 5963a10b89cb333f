// vue-i18n setup: zh-CN first, English second; the choice lives in localStorage and drives
// the Element Plus locale too (see App.vue).
import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN.js';
import en from './en.js';

// A capability keeps its messages in i18n/areas/<area>.js:
//   export default { 'zh-CN': { visits: {...} }, en: { visits: {...} } };
// each area's top-level keys are its own (no two files share one).
const areaModules = import.meta.glob('./areas/*.js', { eager: true });
function withAreas(base, code) {
  const out = { ...base };
  for (const m of Object.values(areaModules)) {
    for (const [k, v] of Object.entries(m.default[code] || {})) {
      out[k] = out[k] && typeof out[k] === 'object' ? { ...out[k], ...v } : v;
    }
  }
  return out;
}

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
  messages: { 'zh-CN': withAreas(zhCN, 'zh-CN'), en: withAreas(en, 'en') },
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

// The API's texts are "中文 / English". splitBilingual returns [zh, en], or null when the
// text is not such a pair; the split is at " / ", else at the last "/ " after which no
// Chinese follows (summaries like "学校列表（…）/ list schools").
const CJK = '\\u3000-\\u9fff\\uff00-\\uffef';
const BILINGUAL = new RegExp(`^(.*[${CJK}][^${CJK}]*?)\\s*\\/\\s+([^${CJK}]+)$`);
export function splitBilingual(text) {
  const s = String(text || '');
  const parts = s.split(' / ');
  if (parts.length === 2) return [parts[0].trim(), parts[1].trim()];
  const m = BILINGUAL.exec(s);
  return m ? [m[1].trim(), m[2].trim()] : null;
}

// The half of an API text in the current language (the whole text when it is not a pair).
export function localizeMessage(message) {
  if (!message) return '';
  const pair = splitBilingual(message);
  if (!pair) return String(message);
  return currentLocale() === 'en' ? pair[1] : pair[0];
}
