// The pages inside the layout, as data: the side menu, the breadcrumb, the quick links and
// the role check all read this list. A capability adds its pages here.
//   meta.title  i18n key          meta.icon   name in utils/icons.js
//   meta.roles  roles that may open it (absent: every logged-in role)
//   meta.menu   false hides it from the menu (a detail page); meta.parent: the menu entry it
//               belongs to (highlighted in the menu, a link in the breadcrumb)
//   children    a menu group (its own meta.title/icon; its roles are the union of the children)
//
// A capability keeps its pages in its own file router/areas/<area>.js:
//   export default { order: 20, routes: [ ...entries as above... ] };
// the menu shows the platform groups below, then the areas by `order` (before 用户管理).
const areaModules = import.meta.glob('./areas/*.js', { eager: true });
const areaRoutes = Object.values(areaModules)
  .map((m) => m.default)
  .sort((x, y) => (x.order || 0) - (y.order || 0))
  .flatMap((m) => m.routes);
// Pages outside the layout that need no login (an area's `publicRoutes`: complaint forms,
// published bulletins); the router marks them public.
export const publicAreaRoutes = Object.values(areaModules).flatMap((m) => m.default.publicRoutes || []);

export const appRoutes = [
  {
    path: '/',
    name: 'dashboard',
    component: () => import('@/views/Dashboard.vue'),
    meta: { title: 'menu.dashboard', icon: 'HomeFilled' },
  },
  {
    name: 'roster',
    meta: { title: 'menu.roster', icon: 'School' },
    children: [
      {
        path: '/schools',
        name: 'schools',
        component: () => import('@/views/roster/SchoolList.vue'),
        meta: { title: 'menu.schools', icon: 'OfficeBuilding', roles: ['admin', 'leader', 'inspector', 'school'] },
      },
      {
        path: '/schools/:id(\\d+)',
        name: 'schoolDetail',
        component: () => import('@/views/roster/SchoolDetail.vue'),
        meta: { title: 'menu.schoolDetail', roles: ['admin', 'leader', 'inspector', 'school'], menu: false, parent: '/schools' },
      },
      {
        path: '/zones',
        name: 'zones',
        component: () => import('@/views/roster/ZoneList.vue'),
        meta: { title: 'menu.zones', icon: 'Grid', roles: ['admin', 'leader'] },
      },
      {
        path: '/inspectors',
        name: 'inspectors',
        component: () => import('@/views/roster/InspectorList.vue'),
        meta: { title: 'menu.inspectors', icon: 'Avatar', roles: ['admin', 'leader'] },
      },
      {
        path: '/inspectors/:id(\\d+)',
        name: 'inspectorDetail',
        component: () => import('@/views/roster/InspectorDetail.vue'),
        meta: { title: 'menu.inspectorDetail', roles: ['admin', 'leader'], menu: false, parent: '/inspectors' },
      },
      {
        path: '/assignments',
        name: 'assignments',
        component: () => import('@/views/roster/Assignments.vue'),
        meta: { title: 'menu.assignments', icon: 'Connection', roles: ['admin'] },
      },
      {
        path: '/coverage',
        name: 'coverage',
        component: () => import('@/views/roster/Coverage.vue'),
        meta: { title: 'menu.coverage', icon: 'DataAnalysis', roles: ['admin', 'leader'] },
      },
      {
        path: '/regions',
        name: 'regions',
        component: () => import('@/views/roster/RegionTree.vue'),
        meta: { title: 'menu.regions', icon: 'Location', roles: ['admin'] },
      },
    ],
  },
  ...areaRoutes,
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

// The menu groups above a path (or a route pattern such as /schools/:id(\\d+)), for the
// breadcrumb; a detail page's trail ends with its parent entry and itself.
export function trailOf(path, routes = appRoutes, parents = []) {
  for (const r of routes) {
    if (r.children) {
      const found = trailOf(path, r.children, [...parents, r]);
      if (found) return found;
    } else if (r.path === path) {
      const parent = r.meta && r.meta.parent && flattenRoutes().find((x) => x.path === r.meta.parent);
      return parent ? [...parents, parent, r] : [...parents, r];
    }
  }
  return null;
}
