// The 质量监测 API (/api/v1/openapi.json tag "monitoring").
import { http } from '@/api/http.js';

export const monitoringApi = {
  catalog: () => http.get('monitoring/catalog'),
  analysis: (query) => http.get('monitoring/analysis', query),
  plans: (query) => http.get('monitoring/plans', query),
  createPlan: (body) => http.post('monitoring/plans', body),
  importUrl: '/api/v1/monitoring/imports',
  templateUrl: '/api/v1/monitoring/imports/template',
};

// A share or score as the tables show it; a suppressed figure shows ‡.
export function fmtFig(fig, key, digits = 1) {
  if (!fig) return '—';
  if (fig.suppressed) return '‡';
  const v = fig[key];
  if (v === null || v === undefined) return '—';
  return Number(v).toFixed(digits);
}
