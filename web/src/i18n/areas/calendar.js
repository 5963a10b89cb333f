// Messages of the 校历 page.
export default {
  'zh-CN': {
    menu: { calendar: '校历' },
    calendar: {
      schoolYear: '学年', yearLabel: '{y}–{y2} 学年', isDefault: '本县尚未设置校历，以下为内置默认（可新增条目替换）',
      periods: '学期、节假日与考试周', months: '各月在校日', kind: '类型', name: '名称', from: '开始', to: '结束',
      kinds: { term: '学期', holiday: '节假日', exam: '考试周' }, add: '新增', save: '保存', del: '删除',
      confirmDel: '删除「{name}」？', schoolDays: '在校日', inSession: '在校月', outOfSession: '不在校（不生成经常性督导任务）',
      rule: '在校日 ≥ {n} 天的月份为在校月：经常性督导“每月不少于1次”只计在校月；“30天未督导”按在校日计算。',
      saved: '已保存', deleted: '已删除', empty: '暂无条目',
    },
  },
  en: {
    menu: { calendar: 'School calendar' },
    calendar: {
      schoolYear: 'School year', yearLabel: 'School year {y}–{y2}', isDefault: 'This county has no calendar yet: the built-in default is shown (add periods to replace it)',
      periods: 'Terms, holidays and exam weeks', months: 'School days per month', kind: 'Kind', name: 'Name', from: 'From', to: 'To',
      kinds: { term: 'Term', holiday: 'Holiday', exam: 'Exam week' }, add: 'Add', save: 'Save', del: 'Delete',
      confirmDel: 'Delete “{name}”?', schoolDays: 'School days', inSession: 'In session', outOfSession: 'Out of session (no routine task)',
      rule: 'A month with at least {n} school days is in session: “at least once a month” counts those months only; “not visited for 30 days” counts school days.',
      saved: 'Saved', deleted: 'Deleted', empty: 'No periods',
    },
  },
};
