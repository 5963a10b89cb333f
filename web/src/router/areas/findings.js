// The findings capability's pages: the 问题台账 and its loop inside the layout, and the public
// pages (the plaque's complaint page, the receipt lookup, published bulletins) outside it.
const STAFF = ['admin', 'inspector', 'leader'];
const READERS = ['admin', 'inspector', 'school', 'leader', 'unit'];

export default {
  order: 30,
  routes: [
    {
      name: 'findingsGroup',
      meta: { title: 'findings.menu.group', icon: 'Warning' },
      children: [
        { path: '/inbox', name: 'findingInbox', component: () => import('@/views/findings/Inbox.vue'), meta: { title: 'findings.menu.inbox', icon: 'Monitor', roles: ['admin', 'inspector', 'school', 'unit'] } },
        { path: '/findings', name: 'findings', component: () => import('@/views/findings/FindingList.vue'), meta: { title: 'findings.menu.ledger', icon: 'Document', roles: READERS } },
        { path: '/findings/:id(\\d+)', name: 'findingDetail', component: () => import('@/views/findings/FindingDetail.vue'), meta: { title: 'findings.menu.detail', roles: READERS, menu: false, parent: '/findings' } },
        { path: '/finding-stats', name: 'findingStats', component: () => import('@/views/findings/FindingStats.vue'), meta: { title: 'findings.menu.stats', icon: 'DataAnalysis', roles: STAFF } },
        { path: '/orders', name: 'orders', component: () => import('@/views/findings/OrderList.vue'), meta: { title: 'findings.menu.orders', icon: 'Tickets', roles: READERS } },
        { path: '/supervision-decisions', name: 'supervisionDecisions', component: () => import('@/views/findings/DecisionList.vue'), meta: { title: 'findings.menu.decisions', icon: 'Tickets', roles: ['admin', 'leader', 'school', 'unit'] } },
        { path: '/extensions', name: 'extensions', component: () => import('@/views/findings/ExtensionList.vue'), meta: { title: 'findings.menu.extensions', icon: 'Calendar', roles: ['admin'] } },
        { path: '/accountability', name: 'accountability', component: () => import('@/views/findings/Accountability.vue'), meta: { title: 'findings.menu.accountability', icon: 'Key', roles: ['admin', 'leader'] } },
        { path: '/bulletins', name: 'bulletins', component: () => import('@/views/findings/BulletinList.vue'), meta: { title: 'findings.menu.bulletins', icon: 'Reading', roles: ['admin', 'leader'] } },
      ],
    },
  ],
  // outside the layout and the login: the public reaches these from a plaque or a link
  publicRoutes: [
    { path: '/complaint/:code', name: 'complaint', component: () => import('@/views/findings/public/ComplaintForm.vue'), meta: { title: 'findings.pub.complaintTitle' } },
    { path: '/complaint-receipt', name: 'complaintReceipt', component: () => import('@/views/findings/public/ComplaintLookup.vue'), meta: { title: 'findings.pub.lookup' } },
    { path: '/public/bulletins', name: 'publicBulletins', component: () => import('@/views/findings/public/PublicBulletins.vue'), meta: { title: 'findings.pub.bulletinsTitle' } },
    { path: '/public/bulletins/:id(\\d+)', name: 'publicBulletin', component: () => import('@/views/findings/public/PublicBulletin.vue'), meta: { title: 'findings.pub.bulletinsTitle' } },
  ],
};
