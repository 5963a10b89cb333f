// 义务教育均衡发展: the county evaluation, the city ranking, the plan to pass, the what-if,
// the school statistics form, completeness and data checks, the rules in force and overrides.
export default {
  order: 40,
  routes: [
    {
      name: 'balance',
      meta: { title: 'menu.balance', icon: 'DataAnalysis' },
      children: [
        {
          path: '/balance',
          name: 'balanceOverview',
          component: () => import('@/views/balance/BalanceOverview.vue'),
          meta: { title: 'menu.balanceOverview', icon: 'Grid', roles: ['admin', 'leader'] },
        },
        {
          path: '/balance/county',
          name: 'balanceCounty',
          component: () => import('@/views/balance/BalanceCounty.vue'),
          meta: { title: 'menu.balanceCounty', icon: 'DataAnalysis', roles: ['admin', 'leader'] },
        },
        {
          path: '/balance/plan',
          name: 'balancePlan',
          component: () => import('@/views/balance/BalancePlan.vue'),
          meta: { title: 'menu.balancePlan', icon: 'Tickets', roles: ['admin', 'leader'] },
        },
        {
          path: '/balance/whatif',
          name: 'balanceWhatIf',
          component: () => import('@/views/balance/BalanceWhatIf.vue'),
          meta: { title: 'menu.balanceWhatIf', icon: 'Monitor', roles: ['admin', 'leader'] },
        },
        {
          path: '/balance/data',
          name: 'balanceData',
          component: () => import('@/views/balance/BalanceData.vue'),
          meta: { title: 'menu.balanceData', icon: 'Warning', roles: ['admin', 'leader'] },
        },
        {
          path: '/balance/rules',
          name: 'balanceRules',
          component: () => import('@/views/balance/BalanceRules.vue'),
          meta: { title: 'menu.balanceRules', icon: 'Setting', roles: ['admin', 'leader'] },
        },
        {
          path: '/balance/stats',
          name: 'balanceStats',
          component: () => import('@/views/balance/BalanceStatForm.vue'),
          meta: { title: 'menu.balanceStats', icon: 'Edit', roles: ['admin', 'school'] },
        },
        {
          path: '/balance/mine',
          name: 'balanceMine',
          component: () => import('@/views/balance/BalanceSchool.vue'),
          meta: { title: 'menu.balanceMine', icon: 'School', roles: ['school'] },
        },
        {
          path: '/balance/schools/:id(\\d+)',
          name: 'balanceSchool',
          component: () => import('@/views/balance/BalanceSchool.vue'),
          meta: { title: 'menu.balanceSchool', roles: ['admin', 'leader', 'school'], menu: false, parent: '/balance/county' },
        },
      ],
    },
  ],
};
