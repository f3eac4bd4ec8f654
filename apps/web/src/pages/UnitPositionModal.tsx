import type { UnitPositionBody, UnitView } from '@fep/contracts';
import type { LatLng } from '@fep/domain';
import { App, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { MapView } from '../components/MapView.tsx';
import { useApiMutation } from '../mutation.ts';

/**
 * MON-02: staff place a unit on the map — a tap or click picks the place (as a report's place is picked in
 * 随手拍), 保存位置 stores it (WGS84); the leaders' map draws the unit there from then on.
 */
export function UnitPositionModal({ unit, onClose }: { unit: UnitView | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [picked, setPicked] = useState<LatLng | null>(null);
  const write = useApiMutation<UnitView, UnitPositionBody>('/api/v1/units');
  const current = unit?.position ? { lat: unit.position.lat, lng: unit.position.lng } : null;
  const shown = picked ?? current;
  const close = () => {
    setPicked(null);
    onClose();
  };
  return (
    <Modal open={!!unit} title={unit ? `标注位置：${unit.name}` : '标注位置'} footer={null} onCancel={close} destroyOnHidden>
      {unit && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            点按地图上单位所在的位置（可拖动、缩放地图），再保存。
          </Typography.Paragraph>
          <MapView
            aria-label="点选单位位置的地图"
            height={300}
            picked={shown}
            onPick={setPicked}
            start={current ? { ...current, zoom: 15 } : undefined}
            frame={false}
          />
          <Space style={{ marginTop: 12 }} wrap>
            <Typography.Text type="secondary" data-testid="unit-position">
              {shown ? `${picked ? '已选位置' : '当前位置'} ${shown.lat.toFixed(5)}, ${shown.lng.toFixed(5)}` : '尚未标注位置'}
            </Typography.Text>
            <Button
              type="primary"
              disabled={!picked}
              loading={write.isPending}
              onClick={async () => {
                if (!picked) return;
                try {
                  await write.mutateAsync({ url: `/api/v1/units/${unit.id}/position`, method: 'PUT', body: { lat: picked.lat, lng: picked.lng } });
                  message.success('已保存单位位置');
                  close();
                } catch (e) {
                  message.error(e instanceof ApiError ? e.message : '保存失败，请重试');
                }
              }}
            >
              保存位置
            </Button>
          </Space>
        </>
      )}
    </Modal>
  );
}
