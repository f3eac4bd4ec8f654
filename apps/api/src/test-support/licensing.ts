/**
 * An opening-permit application as the applicant's form sends it (the restaurant of the licensing tests);
 * `extra` overrides any field (venue name, commitment, submit). Licensing's own tests keep local copies
 * of the same shape; new tests take this one.
 */
export function applicationInput(
  regionCode: string,
  path: 'commitment' | 'inspection',
  materials: Record<string, string[]>,
  extra: Record<string, unknown> = {},
) {
  return {
    regionCode,
    venueKind: 'restaurant',
    floorArea: 1280,
    investment: 3_000_000,
    companyName: '鑫垚餐饮管理有限公司',
    legalRepresentative: '王建华',
    contactName: '李敏',
    contactPhone: '13800138000',
    venueName: '鑫源大酒店',
    venueAddress: '人民路100号',
    path,
    materials,
    ...extra,
  };
}
