// 指标体系: the framework list, a framework with its versions and the version viewer, and the
// draft editor. Everyone who works in the app reads them; admins edit.
const READ = ['admin', 'leader', 'inspector', 'school'];

export default {
  order: 10,
  routes: [
    {
      path: '/frameworks',
      name: 'frameworks',
      component: () => import('@/views/frameworks/FrameworkList.vue'),
      meta: { title: 'frameworks.menu', icon: 'Document', roles: READ },
    },
    {
      path: '/frameworks/:id(\\d+)',
      name: 'frameworkDetail',
      component: () => import('@/views/frameworks/FrameworkDetail.vue'),
      meta: { title: 'frameworks.detail', roles: READ, menu: false, parent: '/frameworks' },
    },
    {
      path: '/framework-versions/:id(\\d+)/edit',
      name: 'frameworkEditor',
      component: () => import('@/views/frameworks/VersionEditor.vue'),
      meta: { title: 'frameworks.editor', roles: ['admin'], menu: false, parent: '/frameworks' },
    },
  ],
};
