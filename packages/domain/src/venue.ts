/** Public gathering place kinds (消防法 art. 73), with public entertainment venues as a sub-kind. */
export const ENTERTAINMENT_VENUE_KINDS = ['cinema', 'ktv', 'dance_hall', 'nightclub', 'amusement', 'fitness_leisure', 'internet_cafe'] as const;
export const VENUE_KINDS = ['hotel', 'restaurant', 'mall', 'market', 'waiting_room', 'stadium', 'hall', ...ENTERTAINMENT_VENUE_KINDS] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

export const VENUE_KIND_LABELS: Record<VenueKind, string> = {
  hotel: '宾馆、饭店',
  restaurant: '餐饮场所',
  mall: '商场',
  market: '集贸市场',
  waiting_room: '客运车站、码头、民用机场的候车（船、机）室',
  stadium: '体育场馆',
  hall: '会堂',
  cinema: '影剧院',
  ktv: '歌舞厅、卡拉OK厅',
  dance_hall: '舞厅',
  nightclub: '夜总会',
  amusement: '游艺、游乐场所',
  fitness_leisure: '保龄球馆、旱冰场、桑拿等营业性健身、休闲场所',
  internet_cafe: '互联网上网服务营业场所',
};

export function isEntertainmentVenue(kind: string): boolean {
  return (ENTERTAINMENT_VENUE_KINDS as readonly string[]).includes(kind);
}
