import type { Executor } from '../../db/database.ts';

/**
 * Lets the handling agency read the files of a case: sets their agency where it is not that agency yet.
 * Rows already shared are left alone (not even locked), so two submissions citing the same uploads never
 * queue on — or deadlock over — the same file rows.
 */
export async function shareFilesWithAgency(trx: Executor, fileIds: readonly string[], agencyId: string, uploadedBy?: string | null): Promise<void> {
  if (!fileIds.length) return;
  let q = trx
    .updateTable('files')
    .set({ agency_id: agencyId })
    .where('id', 'in', [...fileIds])
    .where((eb) => eb.or([eb('agency_id', 'is', null), eb('agency_id', '!=', agencyId)]));
  if (uploadedBy) q = q.where('uploaded_by', '=', uploadedBy);
  await q.execute();
}
