/**
 * Document numbers (文书编号) from a policy template, one function for every numbered document (permit,
 * application reference, rectification order …), so that a jurisdiction changes a number's form by a
 * policy version, never by code. Placeholders:
 * - `{agency}`: the agency's short name without its level suffix (江西总队 → 江西, 辽阳支队 → 辽阳,
 *   天河大队 → 天河; a trailing 消防救援 before the suffix goes with it);
 * - `{region}`: the agency's six-digit region code;
 * - `{year}`: the year of the document;
 * - `{seq}`: the agency's yearly sequence, left-padded with zeros to `seqDigits`.
 */
export interface DocumentNumberParts {
  agencyShortName?: string;
  regionCode?: string;
  year: number;
  seq: number;
  seqDigits: number;
}

export const DOCUMENT_NUMBER_PLACEHOLDERS = ['{agency}', '{region}', '{year}', '{seq}'] as const;

export function agencyPrefix(shortName: string): string {
  return shortName.replace(/(消防救援)?(总队|支队|大队)$/, '');
}

export function renderDocumentNumber(template: string, parts: DocumentNumberParts): string {
  return template
    .replaceAll('{agency}', agencyPrefix(parts.agencyShortName ?? ''))
    .replaceAll('{region}', parts.regionCode ?? '')
    .replaceAll('{year}', String(parts.year))
    .replaceAll('{seq}', String(parts.seq).padStart(parts.seqDigits, '0'));
}
