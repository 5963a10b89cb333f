export const ROLES = ['admin', 'inspector', 'school', 'leader', 'auditor'];
export const ROLE_TAG = { admin: 'primary', inspector: 'success', school: 'warning', leader: 'danger', auditor: 'info' };
// The roles an admin may give (三员分立: auditor accounts are made on the server).
export const ASSIGNABLE_ROLES = ROLES.filter((r) => r !== 'auditor');
