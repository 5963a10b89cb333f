// Code lists of the 挂牌督导 set-up (standards.md §9; src/core/codes.c is the truth).
// Labels are Chinese official names; the English ones are for the en locale.
export const SCHOOL_TYPES = [
  ['111', '幼儿园', 'Kindergarten'],
  ['112', '独立设置的少数民族幼儿园', 'Ethnic-minority kindergarten'],
  ['119', '附设幼儿班', 'Attached kindergarten class'],
  ['211', '小学', 'Primary school'],
  ['212', '独立设置的少数民族小学', 'Ethnic-minority primary school'],
  ['213', '一贯制学校小学部', 'Primary section of a through school'],
  ['218', '小学教学点', 'Teaching point'],
  ['219', '附设小学班', 'Attached primary class'],
  ['311', '初级中学', 'Junior secondary school'],
  ['312', '九年一贯制学校', '9-year through school'],
  ['313', '少数民族初级中学', 'Ethnic-minority junior school'],
  ['314', '少数民族九年一贯制学校', 'Ethnic-minority 9-year school'],
  ['319', '附设普通初中班', 'Attached junior class'],
  ['341', '完全中学', 'Complete secondary school'],
  ['342', '高级中学', 'Senior secondary school'],
  ['343', '少数民族完全中学', 'Ethnic-minority complete school'],
  ['344', '少数民族高级中学', 'Ethnic-minority senior school'],
  ['345', '十二年一贯制学校', '12-year through school'],
  ['349', '附设普通高中班', 'Attached senior class'],
  ['361', '调整后中等职业学校', 'Secondary vocational school'],
  ['362', '中等技术学校', 'Secondary technical school'],
  ['363', '中等师范学校', 'Secondary normal school'],
  ['364', '成人中等专业学校', 'Adult secondary specialised school'],
  ['365', '职业高中学校', 'Vocational high school'],
  ['366', '技工学校', 'Technical school'],
  ['368', '附设中职班', 'Attached vocational class'],
  ['369', '其他中职机构', 'Other vocational institution'],
  ['371', '工读学校', 'Work-study school'],
  ['511', '盲人学校', 'School for the blind'],
  ['512', '聋人学校', 'School for the deaf'],
  ['513', '培智学校', 'School for intellectual disabilities'],
  ['514', '其他特教学校', 'Other special school'],
  ['518', '附设特教班', 'Attached special class'],
  ['519', '其他特教机构', 'Other special institution'],
].map(([code, zh, en]) => ({ code, zh, en }));

export const URBAN_RURAL = [
  ['111', '主城区', 'Main urban area'],
  ['112', '城乡结合区', 'Urban-rural fringe'],
  ['121', '镇中心区', 'Town centre'],
  ['122', '镇乡结合区', 'Town-rural fringe'],
  ['123', '特殊区域', 'Special area'],
  ['210', '乡中心区', 'Township centre'],
  ['220', '村庄', 'Village'],
].map(([code, zh, en]) => ({ code, zh, en }));

// 举办者, as core/roster/codes.c keys them (the statistics forms' numbers are not verified)
export const ORGANIZERS = [
  ['edu_dept', '教育部门', 'Education department'],
  ['other_dept', '其他部门', 'Other department'],
  ['local_enterprise', '地方企业', 'Local enterprise'],
  ['public_institution', '事业单位', 'Public institution'],
  ['military', '部队', 'Military'],
  ['collective', '集体', 'Collective'],
  ['private', '民办', 'Private'],
].map(([code, zh, en]) => ({ code, zh, en }));

export const SECTIONS = ['kindergarten', 'primary', 'junior', 'senior', 'vocational', 'special'];
export const INSPECTOR_KINDS = ['full_time', 'part_time', 'special'];
export const INSPECTOR_STATUSES = ['active', 'suspended', 'retired'];
export const DEGREES = ['doctor', 'master', 'bachelor', 'associate', 'other'];
export const RELATION_KINDS = ['relative_of_principal', 'employed', 'formerly_employed', 'other'];
export const KIND_TAG = { full_time: 'primary', part_time: 'success', special: 'warning' };
// Roster warnings: term ending is a reminder; the rest need action.
export const WARNING_TAG = {
  term_ending: 'warning', term_ended: 'danger', training_short: 'warning', too_many_terms: 'danger',
  qualification: 'info', over_hard_limit: 'danger', over_capacity: 'danger', no_school: 'info',
};

export function codeLabel(list, code, locale) {
  const item = list.find((x) => x.code === code);
  if (!item) return code || '';
  return locale === 'en' ? item.en : item.zh;
}
