// File transfers that the JSON wrapper does not cover: downloads (XLSX exports, templates,
// plaque PDFs) fetched as blobs so an error answer becomes a toast instead of a saved error
// page, and uploads of a raw file body through XMLHttpRequest, which reports upload progress.
import { ApiError, request, notifyError } from './http.js';

let hooks = { csrfToken: () => '' };
export function configureTransfer(h) { hooks = { ...hooks, ...h }; }

function withQuery(url, query) {
  if (!query) return url;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.append(k, String(v));
  }
  const s = qs.toString();
  if (!s) return url;
  return url + (url.includes('?') ? '&' : '?') + s;
}

// The file name of a Content-Disposition header (RFC 5987 filename* first).
export function dispositionName(header, fallback) {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try { return decodeURIComponent(star[1]); } catch { /* fall through */ }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
}

// GET url → {blob, filename}; rejects with ApiError (the JSON error of the API).
export async function fetchBlob(url, query) {
  let res;
  try {
    res = await fetch(withQuery(url, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch { /* not JSON */ }
    if (res.status === 401) {
      // The session expired: let the JSON wrapper run its login-page path.
      await request('GET', 'auth/me');
    }
    throw new ApiError(res.status, body);
  }
  const blob = await res.blob();
  return { blob, filename: dispositionName(res.headers.get('Content-Disposition'), 'download') };
}

export function saveBlob(blob, filename) {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30000);
}

// Downloads url and saves it under the server's file name; toasts an error. Resolves to
// true when saved.
export async function download(url, query) {
  try {
    const { blob, filename } = await fetchBlob(url, query);
    saveBlob(blob, filename);
    return true;
  } catch (e) {
    notifyError(e);
    return false;
  }
}

/**
 * uploadFile(url, file, {onProgress}) — POSTs the file as the raw request body with the
 * session's CSRF token. Resolves to {status, body} for every HTTP answer (the caller reads
 * a 400's row errors), rejects with ApiError(0) on a network failure. abort() via the
 * returned promise's .xhr.
 */
export function uploadFile(url, file, { onProgress } = {}) {
  const xhr = new XMLHttpRequest();
  const p = new Promise((resolve, reject) => {
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    const token = hooks.csrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (ev) => {
      if (onProgress && ev.lengthComputable) onProgress(Math.round((ev.loaded / ev.total) * 100));
    };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new ApiError(0, { error: 'aborted', message: 'aborted' }));
    xhr.send(file);
  });
  p.xhr = xhr;
  return p;
}
