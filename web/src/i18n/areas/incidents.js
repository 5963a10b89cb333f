// Messages of the 突发事件 pages.
export default {
  'zh-CN': {
    menu: { incidents: '突发事件', incidentReport: '上报突发事件' },
    incidents: {
      report: '上报突发事件', school: '发生学校', title: '事件概要', description: '事件经过及现场情况',
      category: '事件类别', severity: '事件等级', occurredAt: '发生时间', told: '已报告对象',
      toldHint: '如：校长、县教育局安全科、派出所', photos: '现场照片', addPhoto: '拍照 / 选择照片',
      submit: '立即上报', submitted: '已上报，督导室已收到提醒', lawHint: '挂牌督导办法第五条：对各种突发事件或重大事故，责任督学应第一时间赶赴现场，及时了解并上报有关情况。',
      alert: '有 {n} 起突发事件待处置', noAlert: '暂无待处置的突发事件', reporter: '上报人', reportedAt: '上报时间',
      state: '状态', all: '全部', finding: '已转问题台账', note: '处置情况', empty: '暂无突发事件报告',
      states: { received: '已接报', handled: '已处置', closed: '已办结' },
      categories: { accident: '安全事故', hazard: '重大隐患', public_health: '公共卫生', violence: '欺凌暴力', disaster: '自然灾害', other: '其他' },
      severities: { general: '一般', large: '较大', major: '重大', extreme: '特别重大' },
      actions: { handle: '已处置', close: '办结', to_finding: '转为问题台账' },
      notePrompt: '请填写处置情况', done: '已完成',
      required: '请填写{what}',
    },
  },
  en: {
    menu: { incidents: 'Incidents', incidentReport: 'Report an incident' },
    incidents: {
      report: 'Report an incident', school: 'School', title: 'What happened', description: 'Details and the situation on site',
      category: 'Category', severity: 'Severity', occurredAt: 'When', told: 'Already told',
      toldHint: 'e.g. the principal, the county bureau, the police', photos: 'Photos', addPhoto: 'Take / choose a photo',
      submit: 'Report now', submitted: 'Reported; the office has been alerted', lawHint: 'Art. 5: for an emergency or a major accident the inspector goes to the scene at once, finds out what happened and reports it.',
      alert: '{n} incident(s) waiting to be handled', noAlert: 'No incident waiting', reporter: 'Reported by', reportedAt: 'Reported at',
      state: 'State', all: 'All', finding: 'Finding opened', note: 'Note', empty: 'No incident reports',
      states: { received: 'Received', handled: 'Handled', closed: 'Closed' },
      categories: { accident: 'Accident', hazard: 'Major hazard', public_health: 'Public health', violence: 'Bullying / violence', disaster: 'Natural disaster', other: 'Other' },
      severities: { general: 'General', large: 'Large', major: 'Major', extreme: 'Extreme' },
      actions: { handle: 'Handled', close: 'Close', to_finding: 'Open a finding' },
      notePrompt: 'Describe the handling', done: 'Done',
      required: 'Give the {what}',
    },
  },
};
