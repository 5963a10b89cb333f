// 满意度调查: questionnaires and rounds inside the layout; the answering page (/survey/<code>,
// reached from a slip's QR code) outside it, without an account.
const OFFICE = ['admin', 'leader'];

export default {
  order: 45,
  routes: [
    {
      name: 'surveysGroup',
      meta: { title: 'surveys.menu.group', icon: 'Tickets' },
      children: [
        { path: '/surveys', name: 'surveyRounds', component: () => import('@/views/surveys/SurveyRounds.vue'), meta: { title: 'surveys.menu.rounds', icon: 'DataAnalysis', roles: OFFICE } },
        { path: '/surveys/rounds/:id(\\d+)', name: 'surveyRound', component: () => import('@/views/surveys/SurveyRound.vue'), meta: { title: 'surveys.menu.round', roles: OFFICE, menu: false, parent: '/surveys' } },
        { path: '/surveys/forms', name: 'surveyForms', component: () => import('@/views/surveys/SurveyForms.vue'), meta: { title: 'surveys.menu.forms', icon: 'Document', roles: OFFICE } },
      ],
    },
  ],
  publicRoutes: [
    { path: '/survey/:code', name: 'surveyAnswer', component: () => import('@/views/surveys/public/SurveyAnswer.vue'), meta: { title: 'surveys.pub.title' } },
  ],
};
