import type {
  CommitmentPolicy,
  ComplaintDeadlinesPolicy,
  ExemptionPolicy,
  InspectionPathPolicy,
  MaterialsPolicy,
  PendingDocumentsPolicy,
  ResolvedPolicy,
} from '@fep/domain';

/**
 * Service guides (办事指南, SVC-01): what each service requires, with time limits taken from the policy in
 * force for the agency, so the guide a business reads is the rule the clerk applies.
 */
export interface ServiceGuide {
  code: string;
  name: string;
  category: string;
  summary: string;
  conditions: string[];
  materials: { name: string; mayComeLater: boolean }[];
  timeLimit: string;
  fee: string;
  visits: string;
  online: boolean;
  legalBasis: string[];
  policyVersions: string[];
}

function valuesOf<V>(resolved: ResolvedPolicy[], kind: string): { values: V; versionKey: string } {
  const r = resolved.find((p) => p.kind === kind);
  if (!r) throw new Error(`policy ${kind} was not resolved`);
  return { values: r.values as V, versionKey: r.versionKey };
}

export function buildGuides(resolved: ResolvedPolicy[]): ServiceGuide[] {
  const exemption = valuesOf<ExemptionPolicy>(resolved, 'licensing.exemption');
  const commitment = valuesOf<CommitmentPolicy>(resolved, 'licensing.commitment');
  const inspection = valuesOf<InspectionPathPolicy>(resolved, 'licensing.inspection');
  const pending = valuesOf<PendingDocumentsPolicy>(resolved, 'licensing.pending_documents');
  const complaints = valuesOf<ComplaintDeadlinesPolicy>(resolved, 'complaints.deadlines');
  const guide = valuesOf<MaterialsPolicy>(resolved, 'licensing.materials');
  const later = new Set(pending.values.mode === 'listed' ? pending.values.documents : []);
  // The guide lists exactly the materials of the policy in force: the intake form can ask for nothing else.
  const permitMaterials = guide.values.materials.map((m) => ({
    name: `${m.name}${m.paths.length === 1 ? (m.paths[0] === 'commitment' ? '（告知承诺方式）' : '（现场检查方式）') : ''}${m.required ? '' : '（如有）'}`,
    mayComeLater: m.source === 'upload' && (pending.values.mode === 'any' || later.has(m.code)),
  }));
  const exemptText = exemption.values.rules.length ? `本地免检范围：${exemption.values.rules.map((r) => r.text).join('；或')}` : '本地未设免检范围';
  const hours = complaints.values.deadlines.filter((d) => d.unit === 'hours');
  const days = complaints.values.deadlines.filter((d) => d.unit === 'working_days');
  return [
    {
      code: 'licensing.opening_check',
      name: '公众聚集场所投入使用、营业前消防安全检查',
      category: '行政许可',
      summary: `${commitment.values.enabled ? '可选择告知承诺方式（承诺后当场或限时作出许可，事后核查），也可选择现场检查方式办理' : '经现场检查合格后作出许可'}。${exemptText}。`,
      conditions: guide.values.conditions,
      materials: permitMaterials,
      timeLimit: commitment.values.enabled
        ? `告知承诺：${commitment.values.decisionWorkingDays === 0 ? '当场' : `${commitment.values.decisionWorkingDays} 个工作日内`}作出许可；现场检查：受理后 ${inspection.values.checkWorkingDays} 个工作日内检查，检查后 ${inspection.values.decisionWorkingDays} 个工作日内决定`
        : `受理后 ${inspection.values.checkWorkingDays} 个工作日内现场检查，检查后 ${inspection.values.decisionWorkingDays} 个工作日内作出决定`,
      fee: '不收费',
      visits: '最多跑一次（网上申报、邮寄送达可零跑动）',
      online: true,
      legalBasis: ['《中华人民共和国消防法》第十五条', '《中华人民共和国行政许可法》'],
      policyVersions: [exemption.versionKey, commitment.versionKey, inspection.versionKey, pending.versionKey, guide.versionKey],
    },
    {
      code: 'licensing.exemption_query',
      name: '营业前消防安全检查免检范围查询',
      category: '公共服务',
      summary: `${exemptText}。查询结果附依据和适用的政策版本。`,
      conditions: ['无'],
      materials: [{ name: '场所类别、建筑面积、投资额', mayComeLater: false }],
      timeLimit: '即时',
      fee: '不收费',
      visits: '零跑动',
      online: true,
      legalBasis: ['《中华人民共和国消防法》第十五条'],
      policyVersions: [exemption.versionKey],
    },
    {
      code: 'complaints.report',
      name: '火灾隐患和消防安全违法行为举报投诉',
      category: '举报投诉',
      summary: '可实名或匿名举报，举报人信息依法保密。',
      conditions: ['无'],
      materials: [{ name: '违法行为地点、情况描述，可附照片', mayComeLater: false }],
      timeLimit: [
        hours.length ? `${hours.map((d) => d.category).length} 类紧急情形 ${hours[0]!.amount} 小时内核查` : '',
        days.length ? `其他情形 ${days[0]!.amount} 个工作日内核查` : '',
      ]
        .filter(Boolean)
        .join('；'),
      fee: '不收费',
      visits: '零跑动',
      // CMP-01: the portal form and 随手拍 (/report), besides 96119 and 12345.
      online: true,
      legalBasis: ['《消防监督检查规定》第三十条', '《中华人民共和国消防法》第五十一条'],
      policyVersions: [complaints.versionKey],
    },
    {
      code: 'credit.repair',
      name: '消防安全信用修复',
      category: '信用服务',
      summary: '失信行为整改到位、按期履行处罚决定后，可申请信用修复。',
      conditions: ['失信行为已纠正', '行政处罚已履行完毕', '已满最短公示期'],
      materials: [
        { name: '信用修复申请书', mayComeLater: false },
        { name: '整改完成及履行处罚的证明', mayComeLater: false },
      ],
      timeLimit: '受理后 5 个工作日内办结',
      fee: '不收费',
      visits: '零跑动',
      online: false,
      legalBasis: ['《失信行为纠正后的信用信息修复管理办法（试行）》'],
      policyVersions: [],
    },
  ];
}
