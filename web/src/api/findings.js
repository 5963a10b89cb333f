// The findings capability's API: the 问题台账 and its loop, 督办单, complaints, 问责/约谈,
// 通报, and the public endpoints (docs: /api/v1/openapi.json, tags findings … public).
import { http } from './http.js';

export const findingApi = {
  list: (query) => http.get('findings', query),
  get: (id) => http.get(`findings/${id}`),
  create: (body) => http.post('findings', body),
  edit: (id, body) => http.patch(`findings/${id}`, body),
  // action: issue | acknowledge | progress | submit | close | return | void | reopen
  act: (id, action, body = {}) => http.post(`findings/${id}/${action}`, body),
  requestExtension: (id, body) => http.post(`findings/${id}/extension`, body),
  decideExtension: (id, body) => http.post(`findings/${id}/extension/decision`, body),
  inbox: () => http.get('findings/inbox'),
  stats: () => http.get('findings/stats'),
  settings: (region_code) => http.get('findings/settings', { region_code }),
  setSetting: (body) => http.put('findings/settings', body),
  reinspection: (body) => http.post('findings/reinspection', body),
  extensions: (state) => http.get('extensions', { state }),
  orders: (query) => http.get('orders', query),
  noticeUrl: (id) => `/api/v1/findings/${id}/notice`,
  orderPdfUrl: (id) => `/api/v1/orders/${id}/pdf`,
  exportUrl: () => '/api/v1/findings/export',
  attachmentUrl: (id) => `/api/v1/attachments/${id}`,
  uploadUrl: (schoolId, findingId, name) =>
    `/api/v1/attachments?school_id=${schoolId}&owner_kind=finding&owner_id=${findingId}&name=${encodeURIComponent(name || '')}`,
};

export const complaintApi = {
  list: (query) => http.get('complaints', query),
  verify: (id, body) => http.post(`complaints/${id}/verify`, body),
  reject: (id, outcome) => http.post(`complaints/${id}/reject`, { outcome }),
};

// 督办单 by decision: drafted, signed off by a second person, sent (numbered)
export const decisionApi = {
  list: () => http.get('supervision-decisions'),
  create: (body) => http.post('supervision-decisions', body),
  sign: (id) => http.post(`supervision-decisions/${id}/sign`, {}),
  send: (id) => http.post(`supervision-decisions/${id}/send`, {}),
};

export const accountabilityApi = {
  list: () => http.get('accountability'),
  create: (body) => http.post('accountability', body),
  review: (id, step, state, extra = {}) => http.post(`accountability/${id}/review`, { step, state, ...extra }),
  interviews: () => http.get('interviews'),
  createInterview: (body) => http.post('interviews', body),
  cases: (state) => http.get('accountability/cases', state ? { state } : undefined),
  openCase: (body) => http.post('accountability/cases', body),
  caseStep: (id, body) => http.post(`accountability/cases/${id}/steps`, body),
};

export const bulletinApi = {
  list: () => http.get('bulletins'),
  get: (id) => http.get(`bulletins/${id}`),
  compose: (body) => http.post('bulletins', body),
  update: (id, body) => http.patch(`bulletins/${id}`, body),
  approve: (id) => http.post(`bulletins/${id}/approve`),
  publish: (id) => http.post(`bulletins/${id}/publish`),
  pdfUrl: (id) => `/api/v1/bulletins/${id}/pdf`,
};

// No session: the plaque's QR code page, the receipt lookup, published bulletins.
export const publicApi = {
  school: (code) => http.get(`public/schools/${encodeURIComponent(code)}`, undefined, { auth: false }),
  complain: (body) => http.post('public/complaints', body, { auth: false }),
  receipt: (code) => http.get(`public/complaints/${encodeURIComponent(code)}`, undefined, { auth: false }),
  bulletins: () => http.get('public/bulletins', undefined, { auth: false }),
  bulletin: (id) => http.get(`public/bulletins/${id}`, undefined, { auth: false }),
  bulletinPdfUrl: (id) => `/api/v1/public/bulletins/${id}/pdf?inline=1`,
};
