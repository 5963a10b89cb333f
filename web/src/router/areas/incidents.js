// 突发事件 (挂牌督导办法第五条): the inspector's report from the phone and the office's list
// with its alert. Schools never see incident reports.
export default {
  order: 38,
  routes: [
    {
      path: '/incidents',
      name: 'incidents',
      component: () => import('@/views/incidents/IncidentList.vue'),
      meta: { title: 'menu.incidents', icon: 'Warning', roles: ['admin', 'leader', 'inspector'] },
    },
    {
      path: '/incidents/new',
      name: 'incidentReport',
      component: () => import('@/views/incidents/IncidentReport.vue'),
      meta: { title: 'menu.incidentReport', roles: ['admin', 'inspector'], menu: false, parent: '/incidents' },
    },
  ],
};
