// 指标体系 calls (routes in src/api/routes_frameworks.c; document format docs/framework-format.md).
import { http } from './http.js';

export const frameworkApi = {
  list: (query) => http.get('frameworks', query),
  get: (id) => http.get(`frameworks/${id}`),
  create: (document) => http.post('frameworks', { document }),
  validate: (document) => http.post('frameworks/validate', { document }),
  newVersion: (id, from_version_id) => http.post(`frameworks/${id}/versions`, from_version_id ? { from_version_id } : {}),
  version: (id) => http.get(`framework-versions/${id}`),
  update: (id, document, base_digest) => http.put(`framework-versions/${id}`, { document, base_digest: base_digest || null }),
  remove: (id) => http.del(`framework-versions/${id}`),
  publish: (id) => http.post(`framework-versions/${id}/publish`, {}),
  retire: (id) => http.post(`framework-versions/${id}/retire`, {}),
  copy: (id, code, name) => http.post(`framework-versions/${id}/copy`, { code, name }),
  diff: (id, against) => http.get(`framework-versions/${id}/diff`, against ? { against } : undefined),
  score: (id, answers, school_id) => http.post(`framework-versions/${id}/score`, { answers, school_id: school_id || null }),
  exportUrl: (id, format) => `/api/v1/framework-versions/${id}/export?format=${format}`,
  importUrl: (frameworkId, query) => {
    const base = frameworkId ? `/api/v1/frameworks/${frameworkId}/import` : '/api/v1/frameworks/import';
    const qs = new URLSearchParams(Object.entries(query || {}).filter(([, v]) => v)).toString();
    return qs ? `${base}?${qs}` : base;
  },
};

// The kinds of a leaf, in the order the editor offers them.
export const KINDS = ['pass_fail', 'score', 'rating', 'number', 'choice', 'text'];
export const SECTIONS = ['kindergarten', 'primary', 'junior', 'senior', 'vocational', 'special'];
export const USES = ['routine', 'special', 'comprehensive', 'self_evaluation', 'government'];
export const OPS = ['<=', '<', '>=', '>', '='];

// Walks a document's indicator tree depth-first: fn(node, level, parent).
export function walk(nodes, fn, level = 1, parent = null) {
  for (const n of nodes || []) {
    fn(n, level, parent);
    if (n.children && n.children.length) walk(n.children, fn, level + 1, n);
  }
}

export function countLeaves(nodes) {
  let n = 0;
  walk(nodes, (x) => { if (!x.children || !x.children.length) n++; });
  return n;
}
