import { BankOutlined, CheckCircleOutlined, ClockCircleOutlined, EnvironmentOutlined, FileTextOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { UnitView as MyUnit, ServiceGuidesView } from '@fep/contracts';
import { Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { PortalHeader } from '../components/PortalHeader.tsx';
import { placeName, regionPath, useRegions, useRememberedPlace } from '../components/regions.ts';

/** The picker (antd Cascader) arrives after the first paint: the home's first screen needs only its place name. */
const RegionPicker = lazy(() => import('../components/RegionPicker.tsx').then((m) => ({ default: m.RegionPicker })));

import { useApi } from '../query.ts';

export function PortalHome() {
  const { me } = useAuth();
  const regions = useRegions();
  const [chosen, choose] = useRememberedPlace();
  const units = useApi<MyUnit[]>(me?.kind === 'applicant' ? '/api/v1/portal/my-units' : null).data ?? null;
  // The guide shown is the one of the place: the place chosen, else (a business) where its unit is registered.
  const place = [chosen, units?.[0]?.regionCode, me?.usci?.slice(2, 8)].find((c) => regionPath(regions, c)) ?? null;
  const guides = useApi<ServiceGuidesView>(place ? `/api/v1/services/guides?agency=${place}` : null).data ?? null;
  const shown = place ? guides : null;

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
          <Card style={{ width: 360, maxWidth: '100%' }} title={me?.kind === 'applicant' ? '我的单位' : '企业办事'}>
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
                <Typography.Paragraph type="secondary">办事指南、时限和免检范围因地而异：请在下方选择场所所在地查看当地的办事指南。</Typography.Paragraph>
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
      <main id="main" className="portal-main">
        <div className="place-bar">
          <Typography.Title level={4} style={{ margin: 0 }}>
            <FileTextOutlined /> 办事指南{place ? ` · ${placeName(regions, place)}` : ''}
          </Typography.Title>
          <Space wrap>
            <span>
              <EnvironmentOutlined /> 场所所在地
            </span>
            <Suspense
              fallback={<Button style={{ width: 280, maxWidth: '80vw', textAlign: 'left' }}>{placeName(regions, place) || '请选择 省 / 市 / 区县'}</Button>}
            >
              <RegionPicker value={place} onChange={choose} aria-label="场所所在地" style={{ width: 280, maxWidth: '80vw' }} />
            </Suspense>
          </Space>
        </div>
        {shown && (
          <Typography.Paragraph type="secondary">
            当地消防救援机构：{shown.agency.name}；办理时限和免检范围按当地现行政策（{shown.at}）。
          </Typography.Paragraph>
        )}
        {!place && regions ? (
          <Empty description="请选择场所所在的省、市、区县，查看当地的办事指南、时限和免检范围" />
        ) : !shown ? (
          <Skeleton active />
        ) : (
          <Row gutter={[16, 16]}>
            {shown.guides.map((g) => (
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
                    <Space wrap style={{ marginTop: 12 }}>
                      <Link to={me?.kind === 'applicant' ? '/portal/applications/new' : '/login'}>
                        <Button type="primary">在线申请</Button>
                      </Link>
                      <Link to="/track">
                        <Button>办件查询</Button>
                      </Link>
                    </Space>
                  )}
                  {g.code === 'licensing.exemption_query' && (
                    <Link to="/check">
                      <Button style={{ marginTop: 12 }}>免检查询</Button>
                    </Link>
                  )}
                  {g.code === 'complaints.report' && (
                    <Link to="/report">
                      <Button style={{ marginTop: 12 }}>举报隐患 · 随手拍</Button>
                    </Link>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </main>
      <footer className="footer-note">
        消防执法服务平台 · 执法全过程记录 · 个人信息依法保护 · <Link to="/report">举报火灾隐患</Link> · <Link to="/supervise">投诉举报执法人员</Link> ·{' '}
        <Link to="/appointments">预约参观</Link> · <Link to="/disclosure">政府信息公开申请</Link> · <Link to="/evaluate">服务评价</Link> ·{' '}
        <Link to="/portal/engineer-registration">注册消防工程师注册</Link> · <Link to="/accountability">火灾责任调查公开</Link>
      </footer>
    </div>
  );
}
