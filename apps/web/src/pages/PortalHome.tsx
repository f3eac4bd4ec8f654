import { BankOutlined, CheckCircleOutlined, ClockCircleOutlined, FileTextOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { UnitView as MyUnit, ServiceGuidesView } from '@fep/contracts';
import { Button, Card, Col, Descriptions, Empty, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Agency } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { PortalHeader } from '../components/PortalHeader.tsx';
import { useApi } from '../query.ts';

export function PortalHome() {
  const { me } = useAuth();
  const [agency, setAgency] = useState<string>('360100');
  const agencies = useApi<Agency[]>('/api/v1/agencies').data ?? [];
  const guides = useApi<ServiceGuidesView>(`/api/v1/services/guides?agency=${agency}`).data ?? null;
  const units = useApi<MyUnit[]>(me?.kind === 'applicant' ? '/api/v1/portal/my-units' : null).data ?? null;

  const options = useMemo(() => agencies.filter((a) => a.level !== 'corps').map((a) => ({ value: a.regionCode, label: a.name })), [agencies]);

  return (
    <div>
      <PortalHeader />
      <div className="portal-banner">
        <div className="inner">
          <div style={{ flex: 1 }}>
            <Typography.Title level={2} style={{ marginTop: 0 }}>
              消防审批 网上办、承诺办、就近办
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ fontSize: 15 }}>
              公众聚集场所投入使用、营业前消防安全检查实行告知承诺与网上办理；办事指南、办理时限和免检范围按所在地现行政策公开，依据可查。
            </Typography.Paragraph>
            <Space size="large" wrap>
              <Tag icon={<CheckCircleOutlined />} color="success">
                不收费
              </Tag>
              <Tag icon={<ClockCircleOutlined />} color="processing">
                时限按工作日计算，节假日顺延
              </Tag>
              <Tag icon={<SafetyCertificateOutlined />} color="error">
                电子许可证可扫码核验
              </Tag>
            </Space>
          </div>
          <Card style={{ width: 360 }} title={me?.kind === 'applicant' ? '我的单位' : '选择办理地'}>
            {me?.kind === 'applicant' ? (
              units === null ? (
                <Skeleton active />
              ) : units.length === 0 ? (
                <Empty description="名下暂无登记的单位" />
              ) : (
                <>
                  {units.map((u) => (
                    <Descriptions key={u.id} column={1} size="small" title={u.name}>
                      <Descriptions.Item label="统一社会信用代码">{u.usci}</Descriptions.Item>
                      <Descriptions.Item label="地址">{u.address}</Descriptions.Item>
                    </Descriptions>
                  ))}
                  <Link to="/portal/applications">
                    <Button type="primary" block>
                      我的办件 · 在线申请
                    </Button>
                  </Link>
                </>
              )
            ) : (
              <>
                <Typography.Paragraph type="secondary">办事指南与时限因地而异，请选择场所所在地：</Typography.Paragraph>
                <Select
                  style={{ width: '100%' }}
                  value={agency}
                  onChange={setAgency}
                  options={options}
                  aria-label="办理地"
                  showSearch={{ optionFilterProp: 'label' }}
                />
                {!me && (
                  <Link to="/login">
                    <Button type="primary" block style={{ marginTop: 16 }}>
                      企业登录办理
                    </Button>
                  </Link>
                )}
              </>
            )}
          </Card>
        </div>
      </div>
      <main className="portal-main">
        <Typography.Title level={4}>
          <FileTextOutlined /> 办事指南{guides ? ` · ${guides.agency.name}` : ''}
        </Typography.Title>
        {!guides ? (
          <Skeleton active />
        ) : (
          <Row gutter={[16, 16]}>
            {guides.guides.map((g) => (
              <Col xs={24} md={12} key={g.code}>
                <Card
                  className="guide-card"
                  title={
                    <Space>
                      <BankOutlined />
                      {g.name}
                    </Space>
                  }
                  extra={<Tag>{g.category}</Tag>}
                  style={{ height: '100%' }}
                >
                  <Typography.Paragraph>{g.summary}</Typography.Paragraph>
                  <Descriptions column={1} size="small" bordered>
                    <Descriptions.Item label="办理时限">{g.timeLimit}</Descriptions.Item>
                    <Descriptions.Item label="收费">{g.fee}</Descriptions.Item>
                    <Descriptions.Item label="跑动次数">{g.visits}</Descriptions.Item>
                    <Descriptions.Item label="申请材料">
                      {g.materials.map((m) => (
                        <div key={m.name}>
                          {m.name} {m.mayComeLater && <Tag color="green">可容缺后补</Tag>}
                        </div>
                      ))}
                    </Descriptions.Item>
                    <Descriptions.Item label="设定依据">{g.legalBasis.join('；')}</Descriptions.Item>
                    <Descriptions.Item label="办理渠道">
                      {g.online ? <Tag color="success">可网上办理</Tag> : <Tag>窗口办理（网上申报即将开通）</Tag>}
                    </Descriptions.Item>
                  </Descriptions>
                  {g.code === 'licensing.opening_check' && (
                    <Link to={me?.kind === 'applicant' ? '/portal/applications/new' : '/login'}>
                      <Button type="primary" style={{ marginTop: 12 }}>
                        在线申请
                      </Button>
                    </Link>
                  )}
                  {g.code === 'licensing.exemption_query' && (
                    <Link to="/check">
                      <Button style={{ marginTop: 12 }}>免检查询</Button>
                    </Link>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </main>
      <div className="footer-note">消防执法服务平台 · 执法全过程记录 · 个人信息依法保护</div>
    </div>
  );
}
