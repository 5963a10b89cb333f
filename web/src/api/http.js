// The one fetch wrapper of the web app. It sends the session cookie, adds X-CSRF-Token to
// mutating requests, turns the API's uniform error JSON into an ApiError, and handles the
// two cross-cutting answers: 401 unauthenticated (session expired → login page) and 403
// (a toast). Everything else is thrown to the caller, which knows whether the error belongs
// to a form field or to a toast (see notifyError).
import { ElMessage } from 'element-plus';
import { localizeMessage, t } from '@/i18n';

export class ApiError extends Error {
  constructor(status, body) {
    const b = body && typeof body === 'object' ? body : {};
    super(b.message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = b.error || (status === 0 ? 'network' : 'http_' + status);
    this.field = b.field || null;
    this.body = b;
    this.handled = false; // true once the wrapper already told the user
  }

  // The message in the current language.
  get text() {
    if (this.status === 0) return t('common.networkError');
    if (this.body && this.body.message) return localizeMessage(this.body.message);
    return t('common.serverError', { status: this.status });
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Wiring done by main.js, so that this module depends on neither the store nor the router.
const hooks = {
  csrfToken: () => '',
  refreshCsrf: async () => false,
  onUnauthenticated: () => {},
};
export function configureHttp(h) { Object.assign(hooks, h); }

function buildUrl(path, query) {
  const url = path.startsWith('/') ? path : '/api/v1/' + path;
  if (!query) return url;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.append(k, String(v));
  }
  const s = qs.toString();
  return s ? `${url}?${s}` : url;
}

/**
 * request(method, path, {query, body, auth = true})
 * path is relative to /api/v1 unless it starts with '/'. Resolves to the parsed JSON (null
 * for 204), rejects with ApiError. auth:false marks the auth routes themselves (login, me),
 * whose 401 is an answer for the caller and not an expired session.
 */
export async function request(method, path, { query, body, auth = true, retried = false } = {}) {
  const m = method.toUpperCase();
  const headers = { Accept: 'application/json' };
  const init = { method: m, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (MUTATING.has(m)) {
    const token = hooks.csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  let res;
  try {
    res = await fetch(buildUrl(path, query), init);
  } catch {
    const e = new ApiError(0, null);
    ElMessage.error({ message: e.text, grouping: true });
    e.handled = true;
    throw e;
  }
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  let data = null;
  if (type.includes('json')) {
    try { data = await res.json(); } catch { data = null; }
  } else {
    await res.text().catch(() => '');
  }
  if (res.ok) return data;

  const err = new ApiError(res.status, data);
  if (res.status === 401 && err.code === 'unauthenticated' && auth) {
    err.handled = true;
    hooks.onUnauthenticated();
  } else if (res.status === 403 && err.code === 'csrf_failed' && !retried) {
    // The token may be stale (another tab logged in again): fetch the session's one, retry once.
    if (await hooks.refreshCsrf()) {
      return request(method, path, { query, body, auth, retried: true });
    }
    ElMessage.error({ message: err.text, grouping: true });
    err.handled = true;
  } else if (res.status === 403) {
    ElMessage.error({ message: err.text, grouping: true });
    err.handled = true;
  }
  throw err;
}

export const http = {
  get: (path, query, opts) => request('GET', path, { ...opts, query }),
  post: (path, body, opts) => request('POST', path, { ...opts, body }),
  put: (path, body, opts) => request('PUT', path, { ...opts, body }),
  patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
  del: (path, opts) => request('DELETE', path, opts),
};

// Shows an error as a toast unless the wrapper already did.
export function notifyError(e) {
  if (!e || e.handled) return;
  if (e instanceof ApiError) ElMessage.error({ message: e.text, grouping: true });
  else { console.error(e); ElMessage.error({ message: String(e.message || e), grouping: true }); }
}
