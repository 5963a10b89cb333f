// The 双随机一公开 / 回头看 API (/api/v1/openapi.json tags "draws" and "public").
import { http } from '@/api/http.js';

export const drawsApi = {
  list: () => http.get('draws'),
  get: (id) => http.get(`draws/${id}`),
  create: (body) => http.post('draws', body),
  commit: (id, body) => http.post(`draws/${id}/commit`, body || {}),
  reveal: (id, body) => http.post(`draws/${id}/reveal`, body || {}),
  replace: (id, body) => http.post(`draws/${id}/replacements`, body),
  risk: (query) => http.get('draws/risk', query),
  candidates: (query) => http.get('draws/followup-candidates', query),
  tasks: (id, body) => http.post(`draws/${id}/tasks`, body),
  recheck: (id, body) => http.post(`draws/${id}/rechecks`, body),
  schools: () => http.get('schools', { page_size: 200 }),
  inspectors: () => http.get('inspectors', { page_size: 200 }),
};

export const publicDrawsApi = {
  list: () => http.get('public/draws', undefined, { auth: false }),
};
