import { UNIT_COLUMNS, VENUE_KIND_LABELS } from '@fep/domain';
import ExcelJS from 'exceljs';
import { EXPORT_HEADER } from '../units.presenter.ts';

/** What each column of the import takes (the 填写说明 sheet of the template). */
const NOTES: Record<string, string> = {
  统一社会信用代码: '必填，18 位，末位为校验码；已在名录中的单位按此代码合并更新',
  单位名称: '必填，2–100 个字，不能以 = + - @ 开头',
  地址: '必填，2–200 个字',
  行政区划代码: '必填，6 位数字，须在本机构辖区内',
  场所类别: `选填：${Object.values(VENUE_KIND_LABELS).join('、')}`,
  建筑面积: '选填，平方米，数字',
  重点单位: '是 / 否',
  风险等级: '低 / 中 / 高；空白按本地默认',
  信用等级: 'A / B / C / D；空白按本地默认',
  自我管理承诺: '是 / 否',
  联系人: '选填；导出文件中的脱敏值（如 王**）导入时保留名录原值',
  联系电话: '选填，手机或固定电话；导出文件中的脱敏值（如 138****5678）导入时保留名录原值',
};

/** The columns of the import template: exactly those of the export, so an exported file re-imports as it is. */
export const TEMPLATE_COLUMNS = EXPORT_HEADER.replace(/^\uFEFF/, '')
  .trim()
  .split(',');

/**
 * SUP-01: the unit import template (XLSX): the header row of the export (sheet 1, the one the import reads)
 * and a 填写说明 sheet naming what each column takes.
 */
export async function unitImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('社会单位名录');
  sheet.addRow(TEMPLATE_COLUMNS).font = { bold: true };
  sheet.columns.forEach((c) => {
    c.width = 18;
  });
  const notes = wb.addWorksheet('填写说明');
  notes.addRow(['列', '说明']).font = { bold: true };
  for (const col of TEMPLATE_COLUMNS) notes.addRow([col, NOTES[col] ?? '']);
  notes.getColumn(1).width = 18;
  notes.getColumn(2).width = 80;
  // Every template column is one the import recognises (a renamed export column would break the round trip).
  const known = new Set(Object.values(UNIT_COLUMNS).flat());
  for (const col of TEMPLATE_COLUMNS) if (!known.has(col)) throw new Error(`template column ${col} is not an import column`);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
