// Field rules for the firmware library and transfer channels, shared by the
// core (electron/core/files/library.ts) and the firmware pages, so a person
// sees the same sentence wherever a value is refused. The argument schemas
// (shared/api/schema/transfers.ts) bound types and lengths before that.
import { DOWNLOAD_FILE_TYPE_RE, OUI_RE, type FirmwareMeta } from '../model/transfers';

/** A.3.2.8: URL is string(256); the file name is its last segment, so keep it well below. */
export const FILE_NAME_MAX = 128;
/** DeviceIdStruct ProductClass is string(64); SoftwareVersion is string(64) in both data models. */
export const META_TEXT_MAX = 64;

/** Why a file name cannot be used (it becomes a URL segment and a file name on disk), or null. */
export function fileNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.trim() === '') return 'a file name is required';
  if (name.length > FILE_NAME_MAX) return `at most ${FILE_NAME_MAX} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f/\\]/.test(name)) return 'no slashes or control characters';
  if (name === '.' || name === '..') return 'not "." or ".."';
  return null;
}

/** Problems with metadata fields, as "field: reason" (empty when fine). '' clears optional fields. */
export function fileMetaProblems(meta: FirmwareMeta): string[] {
  const out: string[] = [];
  if (meta.name !== undefined) {
    const p = fileNameProblem(meta.name);
    if (p) out.push(`name: ${p}`);
  }
  if (meta.fileType !== undefined && !DOWNLOAD_FILE_TYPE_RE.test(meta.fileType)) {
    out.push('fileType: one of 1 Firmware Upgrade Image, 2 Web Content, 3 Vendor Configuration File, 4 Tone File, 5 Ringer File, or "X <OUI> <name>"');
  }
  if (meta.oui !== undefined && meta.oui !== '' && !OUI_RE.test(meta.oui)) out.push('oui: six hex digits, upper case (e.g. 00D09E)');
  for (const key of ['productClass', 'version'] as const) {
    const v = meta[key];
    if (v !== undefined && (typeof v !== 'string' || v.length > META_TEXT_MAX)) out.push(`${key}: at most ${META_TEXT_MAX} characters`);
  }
  return out;
}
