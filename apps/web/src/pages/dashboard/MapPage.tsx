import type { MapBoundariesView, MapPointsView } from '@fep/contracts';
import { VENUE_KIND_LABELS } from '@fep/domain';
import { Card, Checkbox, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { type MapDot, MapView, type MapViewport } from '../../components/MapView.tsx';
import { useApi } from '../../query.ts';
import { useLiveFigures } from './live.ts';

/** One colour per layer, the same on the markers and in the layer switch. */
const LAYER_COLORS = ['#1677ff', '#fa8c16', '#722ed1', '#f5222d', '#13c2c2'];

/**
 * 一张图 (MON-02): the units, hazards, reports and fire alarms of the leader's area on one map, over the operator's
 * administrative boundaries (or the coordinate grid), grouped on the server's grid below street level so a
 * province's units stay fast; filters by layer, kind of place, risk and status; new alarms appear as they come
 * (the dashboard's event stream).
 */
export function MapPage() {
  const [view, setView] = useState<MapViewport | null>(null);
  const [layers, setLayers] = useState<string[] | null>(null);
  const [kind, setKind] = useState('');
  const [risk, setRisk] = useState('');
  const [status, setStatus] = useState('');
  useLiveFigures(null);
  const boundaries = useApi<MapBoundariesView>('/api/v1/dashboard/map/boundaries', { staleTime: Number.POSITIVE_INFINITY });
  const q = new URLSearchParams();
  if (view) {
    q.set('west', view.west.toFixed(5));
    q.set('south', view.south.toFixed(5));
    q.set('east', view.east.toFixed(5));
    q.set('north', view.north.toFixed(5));
    q.set('zoom', String(view.zoom));
  }
  if (layers) q.set('layers', layers.join(','));
  if (kind) q.set('kind', kind);
  if (risk) q.set('risk', risk);
  if (status) q.set('status', status);
  const points = useApi<MapPointsView>(view && (layers === null || layers.length) ? `/api/v1/dashboard/map/points?${q.toString()}` : null, {
    placeholderData: (prev) => prev,
  });
  const meta = points.data;
  const colorOf = useMemo(() => new Map((meta?.layers ?? []).map((l, i) => [l.key, LAYER_COLORS[i % LAYER_COLORS.length]!])), [meta]);
  const dots: MapDot[] = useMemo(
    () =>
      (layers !== null && layers.length === 0 ? [] : (meta?.items ?? [])).map((p, i) => ({
        id: p.id ?? `cell-${i}`,
        lat: p.lat,
        lng: p.lng,
        color: colorOf.get(p.layer) ?? '#1677ff',
        count: p.n,
        hollow: p.n === 1 && p.statusLabel === '已处理',
        title: p.n > 1 ? `${p.layerLabel} ${p.n} 处` : [p.layerLabel, p.label, p.riskLabel, p.statusLabel].filter(Boolean).join(' · '),
      })),
    [meta, colorOf, layers],
  );
  const total = (meta?.items ?? []).reduce((s, p) => s + p.n, 0);
  const allLayers = (meta?.layers ?? []).map((l) => l.key);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          一张图
        </Typography.Title>
        <Link to="/admin/dashboard">返回驾驶舱</Link>
      </Space>
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Checkbox.Group
            aria-label="图层"
            value={layers ?? allLayers}
            onChange={(v) => setLayers(v.map(String))}
            options={(meta?.layers ?? []).map((l) => ({
              value: l.key,
              label: (
                <span>
                  <span aria-hidden="true" className="map-swatch" style={{ background: colorOf.get(l.key) }} />
                  {l.label}
                </span>
              ),
            }))}
          />
          <Space wrap>
            <Select
              aria-label="场所类别"
              value={kind}
              onChange={setKind}
              style={{ minWidth: 150 }}
              options={[{ value: '', label: '全部场所类别' }, ...Object.entries(VENUE_KIND_LABELS).map(([value, label]) => ({ value, label }))]}
            />
            <Select
              aria-label="风险"
              value={risk}
              onChange={setRisk}
              style={{ minWidth: 120 }}
              options={[{ value: '', label: '全部风险' }, ...(meta?.risks ?? []).map((r) => ({ value: r.key, label: r.label }))]}
            />
            <Select
              aria-label="状态"
              value={status}
              onChange={setStatus}
              style={{ minWidth: 120 }}
              options={[{ value: '', label: '全部状态' }, ...(meta?.statuses ?? []).map((s) => ({ value: s.key, label: s.label }))]}
            />
          </Space>
          <Typography.Text type="secondary" data-testid="map-summary">
            {meta ? `视野内 ${total.toLocaleString('zh-CN')} 处${meta.mode === 'cluster' ? '（按网格聚合，放大查看单个点位）' : ''}` : '正在加载点位…'}
          </Typography.Text>
        </Space>
      </Card>
      <MapView
        aria-label="一张图：社会单位、隐患、投诉举报、火警"
        points={dots}
        onView={setView}
        frameMaxZoom={11}
        boundaries={boundaries.data?.geojson ?? undefined}
        height="min(70vh, 640px)"
      />
      {boundaries.data?.configured && boundaries.data.attribution && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          行政区划：{boundaries.data.attribution}
        </Typography.Text>
      )}
    </Space>
  );
}
