// 督政: the office's supervised units (乡镇政府/街道, 县直部门), their grading and ranking with the
// 年终考核 download, and the unit account's own page (its assessment and self-report; its
// findings are answered on the findings pages, as a school's are).
export default {
  order: 47,
  routes: [
    {
      name: 'unitsGroup',
      meta: { title: 'units.menu.group', icon: 'OfficeBuilding' },
      children: [
        { path: '/units', name: 'units', component: () => import('@/views/units/UnitList.vue'), meta: { title: 'units.menu.list', icon: 'OfficeBuilding', roles: ['admin', 'leader', 'inspector'] } },
        { path: '/units/grading', name: 'unitGrading', component: () => import('@/views/units/UnitGrading.vue'), meta: { title: 'units.menu.grading', icon: 'DataAnalysis', roles: ['admin', 'leader', 'inspector'] } },
        { path: '/unit/mine', name: 'unitMine', component: () => import('@/views/units/UnitMine.vue'), meta: { title: 'units.menu.mine', icon: 'Document', roles: ['unit'] } },
      ],
    },
  ],
};
