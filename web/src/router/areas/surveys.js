// 满意度调查: questionnaires and rounds inside the layout; the answering page (/survey/<code>,
// reached from a slip's QR code) outside it, without an account.
const OFFICE = ['admin', 'leader'];
// a commissioned organisation's accounts see the rounds of their organisation
const ROUND_READERS = [...OFFICE, 'evaluator'];

export default {
  order: 45,
  routes: [
    {
      name: 'surveysGroup',
      meta: { title: 'surveys.menu.group', icon: 'Tickets' },
      children: [
        { path: '/surveys', name: 'surveyRounds', component: () => import('@/views/surveys/SurveyRounds.vue'), meta: { title: 'surveys.menu.rounds', icon: 'DataAnalysis', roles: ROUND_READERS } },
        { path: '/surveys/rounds/:id(\\d+)', name: 'surveyRound', component: () => import('@/views/surveys/SurveyRound.vue'), meta: { title: 'surveys.menu.round', roles: ROUND_READERS, menu: false, parent: '/surveys' } },
        { path: '/surveys/forms', name: 'surveyForms', component: () => import('@/views/surveys/SurveyForms.vue'), meta: { title: 'surveys.menu.forms', icon: 'Document', roles: OFFICE } },
        { path: '/surveys/official', name: 'surveyOfficial', component: () => import('@/views/surveys/SurveyOfficial.vue'), meta: { title: 'surveys.menu.official', icon: 'Link', roles: OFFICE } },
        { path: '/surveys/orgs', name: 'surveyOrgs', component: () => import('@/views/surveys/SurveyOrgs.vue'), meta: { title: 'surveys.menu.orgs', icon: 'OfficeBuilding', roles: ROUND_READERS } },
      ],
    },
  ],
  publicRoutes: [
    { path: '/survey/:code', name: 'surveyAnswer', component: () => import('@/views/surveys/public/SurveyAnswer.vue'), meta: { title: 'surveys.pub.title' } },
  ],
};
