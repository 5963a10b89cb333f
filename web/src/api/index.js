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
};

export const schoolApi = {
  list: (query) => http.get('schools', query),
};

export const auditApi = {
  list: (query) => http.get('audit', query),
  verify: () => http.get('audit/verify'),
};

export const metaApi = {
  health: () => http.get('/healthz', undefined, { auth: false }),
  openapi: () => http.get('/api/v1/openapi.json', undefined, { auth: false }),
};
