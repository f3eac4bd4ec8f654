/**
 * Fire product categories (MKT-02) as reference data, with the ones under compulsory product certification
 * (强制性产品认证, CCC) flagged. Source and assumptions: docs/decisions.md, "Fire products under CCC".
 *
 * - Seed 004 §3 ¶2: "除公共场所、住宅使用的火灾报警产品、灭火器、避难逃生产品仍实行强制性产品认证外，其他消防产品实行自愿性认证"
 *   (the 2019 adjustment by 市场监管总局 and 应急管理部).
 * - The CCC implementation rules name the scope: CNCA-C18-01 火灾报警产品, CNCA-C18-02 灭火器, CNCA-C18-03:2024 避难逃生产品
 *   (逃生产品、自救呼吸器、消防应急照明和疏散指示产品、消防安全标志); the rule numbers C18-01/02 are 待确认.
 * - 消防安全标志 left CCC by the 市场监管总局 and 国家消防救援局 announcement reported in March 2025 (year 待确认): voluntary.
 * 消防法 art. 24: products under CCC are produced, sold and used only when certified.
 */
export const PRODUCT_CATEGORIES = [
  {
    code: 'fire_alarm',
    label: '火灾报警产品',
    ccc: true,
    rule: 'CNCA-C18-01',
    examples: '点型感烟/感温火灾探测器、独立式感烟火灾探测报警器、手动火灾报警按钮、火灾报警控制器',
  },
  { code: 'extinguisher', label: '灭火器', ccc: true, rule: 'CNCA-C18-02', examples: '手提式灭火器、推车式灭火器、简易式灭火器' },
  {
    code: 'emergency_lighting',
    label: '消防应急照明和疏散指示产品',
    ccc: true,
    rule: 'CNCA-C18-03',
    examples: '消防应急照明灯具、消防应急标志灯具、应急照明集中电源、应急照明控制器',
  },
  { code: 'escape_device', label: '逃生产品', ccc: true, rule: 'CNCA-C18-03', examples: '逃生缓降器、逃生梯、逃生滑道、应急逃生器' },
  { code: 'self_rescue_respirator', label: '消防自救呼吸器', ccc: true, rule: 'CNCA-C18-03', examples: '过滤式消防自救呼吸器、化学氧消防自救呼吸器' },
  {
    code: 'fire_safety_sign',
    label: '消防安全标志',
    ccc: false,
    rule: null,
    examples: '安全出口标志、疏散方向标志（2025 年起不再实施强制性产品认证，待确认）',
  },
  { code: 'fire_hose', label: '消防水带', ccc: false, rule: null, examples: '有衬里消防水带' },
  { code: 'sprinkler', label: '洒水喷头', ccc: false, rule: null, examples: '闭式洒水喷头' },
  { code: 'fire_hydrant', label: '消火栓', ccc: false, rule: null, examples: '室内消火栓、室外消火栓、消火栓箱' },
  { code: 'fire_door', label: '防火门', ccc: false, rule: null, examples: '钢质防火门、木质防火门' },
  { code: 'fire_damper', label: '防火阀和排烟防火阀', ccc: false, rule: null, examples: '防火阀、排烟防火阀' },
] as const;

export type ProductCategoryCode = (typeof PRODUCT_CATEGORIES)[number]['code'];
export const PRODUCT_CATEGORY_CODES = PRODUCT_CATEGORIES.map((c) => c.code) as ProductCategoryCode[];

export function productCategory(code: string) {
  return PRODUCT_CATEGORIES.find((c) => c.code === code);
}

/** Whether a category is under compulsory certification (消防法 art. 24); an unknown code is not. */
export function isCccCategory(code: string): boolean {
  return productCategory(code)?.ccc === true;
}

/** Where products are checked (消防产品监督管理规定: 生产、流通、使用领域). */
export const PRODUCT_FIELDS = ['production', 'distribution', 'use'] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];
export const PRODUCT_FIELD_LABELS: Record<ProductField, string> = { production: '生产领域', distribution: '流通领域', use: '使用领域' };

/** A candidate of a product plan: a product-holding unit or place, frozen with the plan and published. */
export interface CandidateRow {
  usci: string;
  name: string;
  crowdedPlace: boolean;
}
