// Offline drafts of visits: an inspector inside a school often loses the network. Every
// answer, note and photo is first written to IndexedDB and then sent; what could not be sent
// stays there (across reloads) and goes out when the browser is online again. The page shows
// the count as "n 项待同步".
//
// Stores (database "dudao-visits"):
//   pending  key visitId → {answers: {code: answer}, notes?: string}   answers not yet saved
//   photos   auto key → {visitId, code, blob, name, takenAt, lat, lng} photos not yet uploaded
//   cache    key visitId → the last visit JSON read from the server (reopen while offline)
import { reactive } from 'vue';

const DB_NAME = 'dudao-visits';
let dbp = null;

function openDb() {
  if (dbp) return dbp;
  dbp = new Promise((resolve, reject) => {
    const r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = () => {
      const db = r.result;
      db.createObjectStore('pending');
      db.createObjectStore('photos', { autoIncrement: true });
      db.createObjectStore('cache');
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  return dbp;
}

function tx(store, mode, fn) {
  return openDb().then((db) => new Promise((resolve, reject) => {
    const t = db.transaction(store, mode);
    const s = t.objectStore(store);
    let out;
    Promise.resolve(fn(s)).then((v) => { out = v; });
    t.oncomplete = () => resolve(out);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  }));
}

const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });

// What the page shows: per visit, how many items wait to be sent, and whether a send runs.
export const syncState = reactive({ counts: {}, sending: false, online: typeof navigator === 'undefined' ? true : navigator.onLine, lastError: '' });

async function recount(visitId) {
  const p = await tx('pending', 'readonly', (s) => req(s.get(visitId)));
  const photos = await tx('photos', 'readonly', (s) => req(s.getAll()));
  const nAnswers = p ? Object.keys(p.answers || {}).length + (p.notes !== undefined ? 1 : 0) : 0;
  const nPhotos = photos.filter((x) => x.visitId === visitId).length;
  syncState.counts[visitId] = nAnswers + nPhotos;
  return syncState.counts[visitId];
}

export async function cacheVisit(visit) {
  await tx('cache', 'readwrite', (s) => s.put(JSON.parse(JSON.stringify(visit)), visit.id));
}
export async function cachedVisit(visitId) {
  return tx('cache', 'readonly', (s) => req(s.get(visitId)));
}

export async function pendingOf(visitId) {
  const p = await tx('pending', 'readonly', (s) => req(s.get(visitId)));
  const photos = (await tx('photos', 'readonly', async (s) => {
    const keys = await req(s.getAllKeys());
    const vals = await req(s.getAll());
    return vals.map((v, i) => ({ ...v, key: keys[i] }));
  })).filter((x) => x.visitId === visitId);
  return { answers: (p && p.answers) || {}, notes: p ? p.notes : undefined, photos };
}

// Records answers (merged by code) and/or notes for a visit, then tries to send.
export async function queueAnswers(visitId, answers, notes) {
  await tx('pending', 'readwrite', async (s) => {
    const cur = (await req(s.get(visitId))) || { answers: {} };
    Object.assign(cur.answers, answers || {});
    if (notes !== undefined) cur.notes = notes;
    s.put(cur, visitId);
  });
  await recount(visitId);
}

export async function queuePhoto(visitId, code, blob, meta) {
  await tx('photos', 'readwrite', (s) => s.add({ visitId, code, blob, ...meta }));
  await recount(visitId);
}

function isNetworkError(e) {
  return e && (e.name === 'TypeError' || e.status === 0);
}

/**
 * Sends what waits for one visit: photos first (each becomes an attachment id added to its
 * item's answer), then the answers and notes in one PATCH. `send` is {uploadPhoto(visitId,
 * rec) → attachment, save(visitId, body) → visit, currentAnswer(code) → answer}. Resolves to
 * the saved visit, or null when nothing was sent; a network failure leaves everything queued.
 */
export async function flush(visitId, send) {
  if (syncState.sending) return null;
  syncState.sending = true;
  syncState.lastError = '';
  try {
    const pend = await pendingOf(visitId);
    for (const ph of pend.photos) {
      let att;
      try {
        att = await send.uploadPhoto(visitId, ph);
      } catch (e) {
        if (isNetworkError(e) || e.status === 423 || e.status === 404) throw e;
        // this photo was refused (not an image, too large): drop it, keep the rest
        syncState.lastError = e.text || e.message || String(e);
        await tx('photos', 'readwrite', (s) => s.delete(ph.key));
        continue;
      }
      // link it to its item: the queued answer if any, else the item's current answer
      await tx('pending', 'readwrite', async (s) => {
        const cur = (await req(s.get(visitId))) || { answers: {} };
        const base = cur.answers[ph.code] || send.currentAnswer(ph.code) || {};
        const ids = [...(base.attachments || []), att.id];
        cur.answers[ph.code] = { ...base, attachments: ids };
        s.put(cur, visitId);
      });
      await tx('photos', 'readwrite', (s) => s.delete(ph.key));
    }
    const p = await tx('pending', 'readonly', (s) => req(s.get(visitId)));
    let visit = null;
    if (p && (Object.keys(p.answers || {}).length || p.notes !== undefined)) {
      const body = { answers: p.answers };
      if (p.notes !== undefined) body.notes = p.notes;
      visit = await send.save(visitId, body);
      // only what was sent is cleared: answers queued meanwhile stay
      await tx('pending', 'readwrite', async (s) => {
        const cur = (await req(s.get(visitId))) || { answers: {} };
        for (const [k, v] of Object.entries(p.answers || {})) {
          if (JSON.stringify(cur.answers[k]) === JSON.stringify(v)) delete cur.answers[k];
        }
        if (p.notes !== undefined && cur.notes === p.notes) delete cur.notes;
        if (Object.keys(cur.answers).length || cur.notes !== undefined) s.put(cur, visitId);
        else s.delete(visitId);
      });
    }
    return visit;
  } catch (e) {
    if (!isNetworkError(e)) {
      syncState.lastError = e.text || e.message || String(e);
      // a refusal will not succeed by retrying: drop what the server refused — the one answer
      // it names (the rest is sent next time), or, for a locked or vanished visit, everything
      const code = e.status === 400 && e.field && e.field.startsWith('answers.') ? e.field.slice(8).split('.')[0] : null;
      if (code) {
        await tx('pending', 'readwrite', async (s) => {
          const cur = await req(s.get(visitId));
          if (cur && cur.answers) delete cur.answers[code];
          if (cur) s.put(cur, visitId);
        });
      } else if (e.status === 400 || e.status === 423 || e.status === 404) {
        await tx('pending', 'readwrite', (s) => s.delete(visitId));
        if (e.status !== 400) {
          const pend = await pendingOf(visitId);
          for (const ph of pend.photos) await tx('photos', 'readwrite', (s) => s.delete(ph.key));
        }
      }
      throw e;
    }
    return null;
  } finally {
    syncState.sending = false;
    await recount(visitId);
  }
}

export async function countFor(visitId) {
  return recount(visitId);
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => { syncState.online = true; });
  window.addEventListener('offline', () => { syncState.online = false; });
}

// Scales a camera photo down in the browser (longest side ≤ max px, JPEG), so a 5 MB phone
// photo becomes ~300 KB before it is stored and sent.
export async function scalePhoto(file, max = 1600, quality = 0.82) {
  const url = URL.createObjectURL(file);
  try {
    const img = await new Promise((resolve, reject) => {
      const i = new Image();
      i.onload = () => resolve(i);
      i.onerror = () => reject(new Error('not an image'));
      i.src = url;
    });
    const k = Math.min(1, max / Math.max(img.naturalWidth, img.naturalHeight));
    const w = Math.max(1, Math.round(img.naturalWidth * k)), h = Math.max(1, Math.round(img.naturalHeight * k));
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    c.getContext('2d').drawImage(img, 0, 0, w, h);
    const blob = await new Promise((resolve) => c.toBlob(resolve, 'image/jpeg', quality));
    return { blob, width: w, height: h };
  } finally {
    URL.revokeObjectURL(url);
  }
}
