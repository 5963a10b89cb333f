// 督导工作: the inspector's day (今日督导), the office's tasks, and the visit records.
export default {
  order: 20,
  routes: [
    {
      name: 'visitsGroup',
      meta: { title: 'visits.menu.group', icon: 'Calendar' },
      children: [
        {
          path: '/today',
          name: 'visitsToday',
          component: () => import('@/views/visits/Today.vue'),
          meta: { title: 'visits.menu.today', icon: 'Location', roles: ['inspector'] },
        },
        {
          path: '/tasks',
          name: 'tasks',
          component: () => import('@/views/visits/TaskList.vue'),
          meta: { title: 'visits.menu.tasks', icon: 'Tickets', roles: ['admin', 'leader', 'inspector', 'school', 'expert'] },
        },
        {
          path: '/tasks/:id(\\d+)',
          name: 'taskDetail',
          component: () => import('@/views/visits/TaskDetail.vue'),
          meta: { title: 'visits.menu.taskDetail', roles: ['admin', 'leader', 'inspector', 'school', 'unit', 'expert'], menu: false, parent: '/tasks' },
        },
        {
          path: '/visits',
          name: 'visits',
          component: () => import('@/views/visits/VisitList.vue'),
          meta: { title: 'visits.menu.visits', icon: 'Document', roles: ['admin', 'leader', 'inspector', 'school'] },
        },
        {
          path: '/visit-coverage',
          name: 'visitCoverage',
          component: () => import('@/views/visits/Coverage.vue'),
          meta: { title: 'visits.menu.coverage', icon: 'DataAnalysis', roles: ['admin', 'leader', 'inspector'] },
        },
        {
          path: '/visits/:id(\\d+)',
          name: 'visitDetail',
          component: () => import('@/views/visits/VisitPage.vue'),
          meta: { title: 'visits.menu.visitDetail', roles: ['admin', 'leader', 'inspector', 'school'], menu: false, parent: '/visits' },
        },
      ],
    },
  ],
  publicRoutes: [
    { path: '/public/reports', name: 'publicReports', component: () => import('@/views/visits/public/PublicReports.vue'), meta: { title: 'visits.pubReports.title' } },
  ],
};
