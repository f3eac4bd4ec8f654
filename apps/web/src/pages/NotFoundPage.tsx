import { NotFound } from '../components/ApiErrorResult.tsx';
import { PortalPage } from '../components/PortalHeader.tsx';

/** An unknown address outside the back office: the portal's frame with 页面不存在 (not a silent jump home). */
export function PortalNotFoundPage() {
  return (
    <PortalPage>
      <NotFound />
    </PortalPage>
  );
}

/** An unknown address inside the back office (its layout and menu stay). */
export function AdminNotFoundPage() {
  return <NotFound />;
}
