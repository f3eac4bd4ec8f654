import type { Insertable, Selectable, Updateable } from 'kysely';

// Metadata of uploaded files (content on disk, addressed by SHA-256). Conventions: see ../schema.ts.

export interface FileTable {
  id: string;
  sha256: string;
  size: number;
  content_type: string;
  original_name: string;
  uploaded_by: string;
  agency_id: string | null;
  created_at: string;
}
export type StoredFile = Selectable<FileTable>;
export type NewStoredFile = Insertable<FileTable>;
export type StoredFileUpdate = Updateable<FileTable>;

export interface FilesTables {
  files: FileTable;
}
