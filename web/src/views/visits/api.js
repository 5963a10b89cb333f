// Calls of the tasks and visits API (/api/v1/tasks, /api/v1/visits; see the OpenAPI page).
import { http } from '@/api/http.js';

export const taskApi = {
  list: (query) => http.get('tasks', query),
  get: (id) => http.get(`tasks/${id}`),
  create: (body) => http.post('tasks', body),
  update: (id, body) => http.patch(`tasks/${id}`, body),
  step: (id, body) => http.post(`tasks/${id}/steps`, body),
  generate: (month) => http.post('tasks/generate-routine', { month }),
  frameworks: () => http.get('tasks/frameworks'),
  report: (id) => http.get(`tasks/${id}/report`),
  hearing: (id, body) => http.post(`tasks/${id}/hearings`, body),
  composeReport: (id) => http.post(`tasks/${id}/report`, {}),
  reportAction: (id, action) => http.post(`tasks/${id}/report/actions`, { action }),
  reportUrl: (id) => `/api/v1/tasks/${id}/report.pdf`,
  addExpert: (id, body) => http.post(`tasks/${id}/experts`, body),
  removeExpert: (id, userId) => http.del(`tasks/${id}/experts/${userId}`),
  expertNote: (id, body) => http.post(`tasks/${id}/expert-notes`, body),
};

export const visitApi = {
  agenda: () => http.get('visits/agenda'),
  coverage: (month) => http.get('visits/coverage', { month }),
  calendar: (month) => http.get('visits/calendar', { month }),
  list: (query) => http.get('visits', query),
  get: (id) => http.get(`visits/${id}`),
  open: (target_id) => http.post('visits', { target_id }),
  checkin: (id, body) => http.post(`visits/${id}/checkin`, body),
  save: (id, body) => http.patch(`visits/${id}`, body),
  submit: (id) => http.post(`visits/${id}/submit`),
  amend: (id, body) => http.post(`visits/${id}/amendments`, body),
  opinion: (id, body) => http.post(`visits/${id}/opinion`, body),
  recordUrl: (id) => `/api/v1/visits/${id}/record.pdf`,
  opinionUrl: (id) => `/api/v1/visits/${id}/opinion.pdf`,
  photoUrl: (id) => `/api/v1/attachments/${id}`,
};

export const TASK_KINDS = ['routine', 'followup', 'special', 'comprehensive', 'inspection', 'government'];
export const KIND_TAG = { routine: '', followup: 'info', special: 'warning', comprehensive: 'danger', inspection: 'warning', government: 'success' };
export const STEPS = ['notice', 'self_eval', 'onsite', 'preliminary', 'response', 'opinion', 'rectify', 'verify', 'closed'];

// Today in Asia/Shanghai as YYYY-MM-DD (the dates of tasks are local dates).
export function todayCn() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}
