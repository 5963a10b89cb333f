export const ROLES = ['admin', 'inspector', 'school', 'leader', 'auditor'];
export const ROLE_TAG = { admin: 'primary', inspector: 'success', school: 'warning', leader: 'danger', auditor: 'info' };
