// The 突发事件 API (/api/v1/openapi.json tag "incidents").
import { http } from '@/api/http.js';

export const incidentApi = {
  list: (query) => http.get('incidents', query),
  get: (id) => http.get(`incidents/${id}`),
  report: (body) => http.post('incidents', body),
  act: (id, action, body) => http.post(`incidents/${id}/${action}`, body),
  attachmentUrl: (id) => `/api/v1/attachments/${id}`,
  uploadUrl: (schoolId, name) =>
    `/api/v1/attachments?school_id=${schoolId}&owner_kind=incident&name=${encodeURIComponent(name || '')}`,
};

export const CATEGORIES = ['accident', 'hazard', 'public_health', 'violence', 'disaster', 'other'];
export const SEVERITIES = ['general', 'large', 'major', 'extreme'];
