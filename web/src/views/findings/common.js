// Shared bits of the findings pages: tag colours, deadline arithmetic in Asia/Shanghai days.
export const STATES = ['draft', 'issued', 'rectifying', 'submitted', 'review', 'closed', 'voided'];
export const SEVERITIES = ['general', 'serious', 'severe', 'red_line'];
export const SOURCES = ['visit', 'complaint', 'manual', 'reinspection'];

export function stateType(s) {
  return { draft: 'info', issued: 'warning', rectifying: 'primary', submitted: '', review: 'warning', closed: 'success', voided: 'info' }[s] ?? '';
}
export function severityType(s) {
  return { general: 'info', serious: 'warning', severe: 'danger', red_line: 'danger' }[s] ?? 'info';
}

export function todayCN() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}
// Whole days from today (Asia/Shanghai) to date: negative when past.
export function daysUntil(date) {
  if (!date) return null;
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${todayCN()}T00:00:00Z`)) / 86400e3);
}
export function isOwed(f) {
  return f.state === 'issued' || f.state === 'rectifying';
}
