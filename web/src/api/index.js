// Resource calls of the foundation API (docs/api-foundation.md).
import { http } from './http.js';

export const authApi = {
  login: (username, password) => http.post('auth/login', { username, password }, { auth: false }),
  me: () => http.get('auth/me', undefined, { auth: false }),
  logout: () => http.post('auth/logout', undefined, { auth: false }),
  changePassword: (old_password, new_password) => http.post('auth/password', { old_password, new_password }),
};

export const userApi = {
  list: (query) => http.get('users', query),
  get: (id) => http.get(`users/${id}`),
  create: (body) => http.post('users', body),
  update: (id, body) => http.patch(`users/${id}`, body),
  resetPassword: (id, password) => http.post(`users/${id}/password`, { password }),
  unlock: (id) => http.post(`users/${id}/unlock`),
};

export const regionApi = {
  list: () => http.get('regions'),
  create: (body) => http.post('regions', body),
  rename: (code, name) => http.patch(`regions/${code}`, { name }),
};

// 挂牌督导: schools, zones, inspectors, assignments, coverage (docs: /api/v1/openapi.json).
export const schoolApi = {
  list: (query) => http.get('schools', query),
  get: (id) => http.get(`schools/${id}`),
  create: (body) => http.post('schools', body),
  update: (id, body) => http.patch(`schools/${id}`, body),
  plaqueUrl: (id, size) => `/api/v1/schools/${id}/plaque?size=${size}`,
};

export const zoneApi = {
  list: (query) => http.get('zones', query),
  create: (body) => http.post('zones', body),
  update: (id, body) => http.patch(`zones/${id}`, body),
  addSchools: (id, school_ids) => http.post(`zones/${id}/schools`, { school_ids }),
};

export const inspectorApi = {
  list: (query) => http.get('inspectors', query),
  get: (id) => http.get(`inspectors/${id}`),
  create: (body) => http.post('inspectors', body),
  update: (id, body) => http.patch(`inspectors/${id}`, body),
  declareRelation: (id, body) => http.post(`inspectors/${id}/relations`, body),
  photoUrl: (id) => `/api/v1/inspectors/${id}/photo`,
};

export const assignmentApi = {
  check: (body) => http.post('assignments/check', body),
  create: (body) => http.post('assignments', body),
  end: (id, reason) => http.post(`assignments/${id}/end`, { reason: reason || null }),
};

export const coverageApi = {
  get: () => http.get('coverage'),
};

export const importApi = {
  columns: (kind) => http.get(`imports/${kind}/columns`),
  templateUrl: (kind) => `/api/v1/imports/${kind}/template`,
  exportUrl: (kind) => `/api/v1/exports/${kind}`,
};

export const auditApi = {
  list: (query) => http.get('audit', query),
  verify: () => http.get('audit/verify'),
  checkpoints: () => http.get('audit/checkpoints'),
};

export const metaApi = {
  health: () => http.get('/healthz', undefined, { auth: false }),
  openapi: () => http.get('/api/v1/openapi.json', undefined, { auth: false }),
};
