// 校历: the county office's terms, holidays and exam weeks per school year (routine tasks
// are generated only for months in session).
export default {
  order: 42,
  routes: [
    {
      path: '/calendar',
      name: 'calendar',
      component: () => import('@/views/calendar/CalendarPage.vue'),
      meta: { title: 'menu.calendar', icon: 'Calendar', roles: ['admin', 'leader', 'inspector'] },
    },
  ],
};
