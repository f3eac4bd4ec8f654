import type { IncidentView } from '@fep/contracts';
import { DocumentList } from '../../components/DocumentDownloads.tsx';
import { downloadWithAuth } from '../../licensing.ts';

type Doc = NonNullable<NonNullable<IncidentView['determination']>['document']>;

/**
 * The sealed 火灾事故认定书 of a fire (FIR-03) in the one document list (docs/ui.md 文书下载): number, date, verification
 * code and its download — through the party's portal route, or the staff's route on the file.
 */
export function DeterminationDownload({ incidentId, doc, portal }: { incidentId: string; doc: Doc; portal: boolean }) {
  const url = portal ? `/api/v1/portal/incidents/${incidentId}/determination.pdf` : `/api/v1/incidents/${incidentId}/determination.pdf`;
  return (
    <DocumentList
      rows={[
        {
          key: doc.number,
          title: doc.title,
          number: doc.number,
          issuedOn: doc.issuedOn,
          verifyCode: doc.verifyCode,
          statusLabel: '已送达',
          download: () => downloadWithAuth(url, `${doc.title}-${doc.number}.pdf`),
        },
      ]}
    />
  );
}
