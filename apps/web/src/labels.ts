export const ROLE_LABELS: Record<string, string> = {
  clerk: '窗口工作人员',
  inspector: '监督检查员',
  legal_reviewer: '法制审核员',
  approver: '审批人',
  leader: '单位负责人',
  admin: '系统管理员',
  applicant: '申请人',
};

export const VENUE_LABELS: Record<string, string> = {
  hotel: '宾馆饭店',
  restaurant: '餐饮场所',
  mall: '商场',
  market: '集贸市场',
  waiting_room: '候车（船、机）室',
  stadium: '体育场馆',
  hall: '会堂、展览馆',
  cinema: '影剧院',
  ktv: 'KTV',
  dance_hall: '舞厅',
  nightclub: '酒吧夜总会',
  amusement: '游艺场所',
  fitness_leisure: '洗浴休闲健身',
  internet_cafe: '网吧',
};

export const RISK_LABELS: Record<string, { text: string; color: string }> = {
  low: { text: '低', color: 'green' },
  medium: { text: '中', color: 'orange' },
  high: { text: '高', color: 'red' },
};

export const UNIT_LABELS: Record<string, string> = { working_days: '个工作日', calendar_days: '日', hours: '小时' };
