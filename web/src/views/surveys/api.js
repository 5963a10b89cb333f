// The surveys API (/api/v1/openapi.json tag "surveys"; the public answering page, tag "public").
import { http } from '@/api/http.js';

export const surveysApi = {
  forms: () => http.get('surveys/forms'),
  version: (id) => http.get(`surveys/versions/${id}`),
  rounds: () => http.get('surveys/rounds'),
  round: (id) => http.get(`surveys/rounds/${id}`),
  createRound: (body) => http.post('surveys/rounds', body),
  close: (id) => http.post(`surveys/rounds/${id}/close`, {}),
  results: (id) => http.get(`surveys/rounds/${id}/results`),
  texts: (id, flagged) => http.get(`surveys/rounds/${id}/texts`, flagged ? { flagged: 'true' } : undefined),
  flag: (id, body) => http.post(`surveys/rounds/${id}/texts/flags`, body),
  submit: (id, report) => http.post(`surveys/rounds/${id}/submit`, { report }),
  review: (id, decision, note) => http.post(`surveys/rounds/${id}/review`, { decision, note: note || null }),
  sample: (versionId, population) => http.get(`surveys/versions/${versionId}/sample`, { population }),
  trends: (formCode) => http.get('surveys/trends', { form_code: formCode }),
  officials: () => http.get('surveys/official'),
  official: (id) => http.get(`surveys/official/${id}`),
  createOfficial: (body) => http.post('surveys/official', body),
  officialProgress: (id, cells) => http.put(`surveys/official/${id}/progress`, { cells }),
  closeOfficial: (id) => http.post(`surveys/official/${id}/close`, {}),
  postersUrl: (id) => `/api/v1/surveys/official/${id}/posters`,
  orgs: () => http.get('surveys/orgs'),
  org: (id) => http.get(`surveys/orgs/${id}`),
  createOrg: (body) => http.post('surveys/orgs', body),
  updateOrg: (id, body) => http.patch(`surveys/orgs/${id}`, body),
  itemFinding: (id, body) => http.post(`surveys/rounds/${id}/findings`, body),
  slipsUrl: (id) => `/api/v1/surveys/rounds/${id}/slips`,
  codesUrl: (id) => `/api/v1/surveys/rounds/${id}/codes`,
  xlsxUrl: (id) => `/api/v1/surveys/rounds/${id}/results.xlsx`,
  reportUrl: (id) => `/api/v1/surveys/rounds/${id}/report`,
};

export const publicSurveyApi = {
  get: (code) => http.get(`public/surveys/${encodeURIComponent(code)}`, undefined, { auth: false }),
  submit: (code, answers) => http.post(`public/surveys/${encodeURIComponent(code)}`, { answers }, { auth: false }),
};

export const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
