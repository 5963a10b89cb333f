// Messages of the survey pages (满意度调查, 社会认可度).
export default {
  'zh-CN': {
    surveys: {
      menu: { group: '满意度调查', rounds: '调查轮次', round: '调查详情', forms: '问卷' },
      rounds: '调查轮次', newRound: '新建调查', title: '调查名称', form: '问卷', opens: '开始日期', closes: '结束日期',
      minN: '最小公布人数', cells: '配额', group: '调查对象', school: '学校', stratum: '分层', quota: '配额', weight: '权重',
      addCell: '添加配额格', create: '创建并生成调查码', created: '调查已创建', status: { open: '进行中', closed: '已结束' },
      codes: '调查码', used: '已作答', progress: '进度', slips: '二维码条（PDF）', codeList: '调查码清单（XLSX）',
      xlsx: '结果表（XLSX）', report: '调查报告（PDF）', close: '结束调查', closeConfirm: '结束后调查码不能再作答，确定吗？',
      results: '结果', overall: '总体满意度', threshold: '达标线 {v}', passes: '达标', fails: '未达标或样本不足',
      byGroup: '按调查对象', bySchool: '按学校', byItem: '按题目', lowItems: '学校低分题（低于达标线）', toFinding: '转为问题', findingOpened: '已转为问题', viewFinding: '查看问题', noLowItems: '没有低于达标线的题目', n: '样本数', rate: '满意度', suppressed: '不公布（n < {n}）',
      formula: '计算方法', texts: '开放题回答（仅督导室阅读）', source: '来源', uncertain: '措辞待核实', version: '版本',
      builtin: '内置', responseRate: '回收 {used} / {issued}', selfLabel: '自评',
      pub: {
        title: '问卷调查', intro: '感谢参与！本调查匿名进行。', submit: '提交问卷', done: '提交成功，感谢您的参与！',
        required: '必答', optional: '选答', noCode: '无法打开问卷', chooseUpTo: '最多选 {n} 项', rateLimited: '提交过于频繁，请稍后再试',
      },
    },
  },
  en: {
    surveys: {
      menu: { group: 'Surveys', rounds: 'Survey rounds', round: 'Round', forms: 'Questionnaires' },
      rounds: 'Survey rounds', newRound: 'New round', title: 'Title', form: 'Questionnaire', opens: 'Opens', closes: 'Closes',
      minN: 'Minimum n shown', cells: 'Quotas', group: 'Group', school: 'School', stratum: 'Stratum', quota: 'Quota', weight: 'Weight',
      addCell: 'Add a cell', create: 'Create and generate codes', created: 'Round created', status: { open: 'Open', closed: 'Closed' },
      codes: 'Codes', used: 'Answered', progress: 'Progress', slips: 'QR slips (PDF)', codeList: 'Code list (XLSX)',
      xlsx: 'Results (XLSX)', report: 'Report (PDF)', close: 'Close round', closeConfirm: 'Codes stop working once closed. Close?',
      results: 'Results', overall: 'Overall satisfaction', threshold: 'Threshold {v}', passes: 'Passes', fails: 'Fails or too few answers',
      byGroup: 'By group', bySchool: 'By school', byItem: 'By question', lowItems: 'Low-scoring questions by school (under the line)', toFinding: 'Open a finding', findingOpened: 'Finding opened', viewFinding: 'View finding', noLowItems: 'No question under the line', n: 'n', rate: 'Satisfaction', suppressed: 'Not shown (n < {n})',
      formula: 'Formula', texts: 'Free-text answers (office only)', source: 'Source', uncertain: 'Wording to verify', version: 'Version',
      builtin: 'Built-in', responseRate: 'Returned {used} / {issued}', selfLabel: 'Self-assessment',
      pub: {
        title: 'Survey', intro: 'Thank you for taking part. This survey is anonymous.', submit: 'Submit', done: 'Submitted. Thank you!',
        required: 'required', optional: 'optional', noCode: 'Cannot open the survey', chooseUpTo: 'Choose up to {n}', rateLimited: 'Too many attempts; try later',
      },
    },
  },
};
