import type { CreditUnitView } from '@fep/contracts';
import { Skeleton, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiErrorResult } from '../../components/ApiErrorResult.tsx';
import { useApi } from '../../query.ts';
import { CreditView } from './CreditView.tsx';

/** A unit's credit for staff (CRD-01, CRD-04): level with its rule and records, effects, risk factors, history, requests. */
export function CreditUnitPage() {
  const { usci } = useParams();
  const c = useApi<CreditUnitView>(`/api/v1/credit/units/${encodeURIComponent(usci ?? '')}`);
  if (c.error) return <ApiErrorResult error={c.error} what="单位信用" />;
  if (!c.data) return <Skeleton active />;
  return (
    <>
      <Typography.Title level={3}>
        {c.data.name}
        <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>
          {c.data.usci}
        </Typography.Text>
      </Typography.Title>
      <CreditView c={c.data} staff />
    </>
  );
}
