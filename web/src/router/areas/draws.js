// 双随机一公开, 风险分组 and 回头看 inside the layout; the public page of published draws outside it.
const OFFICE = ['admin', 'leader'];

export default {
  order: 42,
  routes: [
    {
      name: 'drawsGroup',
      meta: { title: 'draws.menu.group', icon: 'Grid' },
      children: [
        { path: '/draws', name: 'draws', component: () => import('@/views/draws/Draws.vue'), meta: { title: 'draws.menu.draws', icon: 'Connection', roles: OFFICE, kind: 'inspection' } },
        { path: '/draws/risk', name: 'drawRisk', component: () => import('@/views/draws/DrawRisk.vue'), meta: { title: 'draws.menu.risk', icon: 'Warning', roles: OFFICE } },
        { path: '/draws/followup', name: 'drawFollowup', component: () => import('@/views/draws/Draws.vue'), meta: { title: 'draws.menu.followup', icon: 'Refresh', roles: OFFICE, kind: 'followup' } },
      ],
    },
  ],
  publicRoutes: [
    { path: '/public/draws', name: 'publicDraws', component: () => import('@/views/draws/public/PublicDraws.vue'), meta: { title: 'draws.pubTitle' } },
  ],
};
