// The balance API (docs/balance.md; /api/v1/openapi.json tag "balance").
import { http } from '@/api/http.js';

export const balanceApi = {
  fields: () => http.get('balance/fields'),
  stats: (query) => http.get('balance/stats', query),
  stat: (schoolId, school_year) => http.get(`balance/stats/${schoolId}`, { school_year }),
  putStat: (schoolId, school_year, values) => http.put(`balance/stats/${schoolId}`, { school_year, values }),
  completeness: (query) => http.get('balance/completeness', query),
  checks: (query) => http.get('balance/checks', query),
  confirm: (body) => http.post('balance/checks/confirm', body),
  evaluation: (query) => http.get('balance/evaluation', query),
  whatIf: (county_code, school_year, changes) => http.post('balance/whatif', { county_code, school_year, changes }),
  finalize: (county_code, school_year) => http.post('balance/evaluation/finalize', { county_code, school_year }),
  overview: (query) => http.get('balance/overview', query),
  trend: (county_code) => http.get('balance/trend', { county_code }),
  plan: (query) => http.get('balance/plan', query),
  planWithPrices: (county_code, school_year, prices) => http.post('balance/plan', { county_code, school_year, prices }),
  school: (id, school_year) => http.get(`balance/schools/${id}`, { school_year }),
  exportUrl: (kind) => `/api/v1/balance/exports/${kind}`,
  reportUrl: '/api/v1/balance/report',
  templateUrl: '/api/v1/balance/imports/template',
  importUrl: (school_year) => `/api/v1/balance/imports?school_year=${school_year}`,
  verdict: (query) => http.get('balance/verdict', query),
  putItem: (key, body) => http.put(`balance/county-items/${key}`, body),
  checkItem: (key, body) => http.post(`balance/county-items/${key}/check`, body),
  rules: (region_code) => http.get('balance/rules', { region_code }),
  putOverride: (document) => http.put('balance/rules/overrides', { document }),
  deleteOverride: (jurisdiction, standard) => http.del(`balance/rules/overrides/${jurisdiction}/${standard}`),
};

// The what-if editor takes changes handed over from the plan page through sessionStorage.
const HANDOFF = 'dudao.balance.whatif';
export function handOffChanges(county_code, school_year, changes) {
  try { sessionStorage.setItem(HANDOFF, JSON.stringify({ county_code, school_year, changes })); } catch { /* blocked */ }
}
export function takeChanges() {
  try {
    const v = sessionStorage.getItem(HANDOFF);
    sessionStorage.removeItem(HANDOFF);
    return v ? JSON.parse(v) : null;
  } catch { return null; }
}

// 2025 → "2025–2026 学年"
export const yearLabel = (y, locale) => (locale === 'en' ? `${y}–${y + 1}` : `${y}–${y + 1} 学年`);

// Numbers as the tables show them.
export function fmt(v, digits = 2) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return Number(v).toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
export const fmtCv = (v) => fmt(v, 4);
export function fmtMoney(v, locale) {
  if (v === null || v === undefined) return '—';
  if (locale === 'en') return `¥${(v / 1e6).toLocaleString('en', { maximumFractionDigits: 2 })} M`;
  return `${(v / 1e4).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 万元`;
}

// A heat colour for ratio-to-threshold: red below 85 %, orange below 100 %, green above.
export function ratioColor(r) {
  if (r < 0.85) return '#fde2e2';
  if (r < 1) return '#fdf0dc';
  if (r < 1.3) return '#e7f6e1';
  return '#d3efc6';
}
