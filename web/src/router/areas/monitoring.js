// 质量监测: the analysis of a county's national and provincial monitoring results, its import,
// and the 整改方案 made from weak dimensions.
export default {
  order: 45,
  routes: [
    {
      path: '/monitoring',
      name: 'monitoring',
      component: () => import('@/views/monitoring/MonitoringAnalysis.vue'),
      meta: { title: 'menu.monitoring', icon: 'Reading', roles: ['admin', 'leader'] },
    },
  ],
};
