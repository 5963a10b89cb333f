// The pages inside the layout, as data: the side menu, the breadcrumb, the quick links and
// the role check all read this list. A capability adds its pages here.
//   meta.title  i18n key          meta.icon   name in utils/icons.js
//   meta.roles  roles that may open it (absent: every logged-in role)
//   meta.menu   false hides it from the menu
//   children    a menu group (its own meta.title/icon; its roles are the union of the children)
export const appRoutes = [
  {
    path: '/',
    name: 'dashboard',
    component: () => import('@/views/Dashboard.vue'),
    meta: { title: 'menu.dashboard', icon: 'HomeFilled' },
  },
  {
    path: '/users',
    name: 'users',
    component: () => import('@/views/users/UserList.vue'),
    meta: { title: 'menu.users', icon: 'User', roles: ['admin'] },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('@/views/audit/AuditLog.vue'),
    meta: { title: 'menu.audit', icon: 'Tickets', roles: ['auditor'] },
  },
  {
    path: '/api-docs',
    name: 'apiDocs',
    component: () => import('@/views/docs/ApiDocs.vue'),
    meta: { title: 'menu.apiDocs', icon: 'Reading' },
  },
];

export function canSee(meta, role) {
  if (!meta || !meta.roles) return true;
  return !!role && meta.roles.includes(role);
}

// The menu tree for a role: entries it may open, groups with at least one such entry.
export function menuFor(role, routes = appRoutes) {
  const out = [];
  for (const r of routes) {
    if (r.meta && r.meta.menu === false) continue;
    if (r.children) {
      const children = menuFor(role, r.children);
      if (children.length) out.push({ ...r, children });
    } else if (canSee(r.meta, role)) {
      out.push(r);
    }
  }
  return out;
}

// Flat list of the leaf routes (for the router).
export function flattenRoutes(routes = appRoutes) {
  const out = [];
  for (const r of routes) {
    if (r.children) out.push(...flattenRoutes(r.children));
    else out.push(r);
  }
  return out;
}

// The menu groups above a path, for the breadcrumb.
export function trailOf(path, routes = appRoutes, parents = []) {
  for (const r of routes) {
    if (r.children) {
      const found = trailOf(path, r.children, [...parents, r]);
      if (found) return found;
    } else if (r.path === path) {
      return [...parents, r];
    }
  }
  return null;
}
