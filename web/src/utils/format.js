// Times travel as ISO 8601 UTC; people read them in Asia/Shanghai.
const TZ = 'Asia/Shanghai';
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function pieces(value) {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const o = {};
  for (const p of parts.formatToParts(d)) o[p.type] = p.value;
  return o;
}

// "2026-11-22 20:00:00" in Shanghai time; '' for null.
export function formatDateTime(value) {
  const o = pieces(value);
  return o ? `${o.year}-${o.month}-${o.day} ${o.hour}:${o.minute}:${o.second}` : '';
}

export function formatDate(value) {
  const o = pieces(value);
  return o ? `${o.year}-${o.month}-${o.day}` : '';
}

// "20:15" when the time is today in Shanghai, the full time otherwise.
export function formatShortTime(value) {
  const o = pieces(value);
  if (!o) return '';
  const now = pieces(new Date());
  if (now && now.year === o.year && now.month === o.month && now.day === o.day) return `${o.hour}:${o.minute}`;
  return `${o.year}-${o.month}-${o.day} ${o.hour}:${o.minute}`;
}

export function shanghaiHour(value = new Date()) {
  const o = pieces(value);
  return o ? Number(o.hour) : 0;
}

export function isFuture(value) {
  if (!value) return false;
  const d = new Date(value);
  return !Number.isNaN(d.getTime()) && d.getTime() > Date.now();
}
