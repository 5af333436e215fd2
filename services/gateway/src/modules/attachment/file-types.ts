/**
 * The file types an attachment may have, recognised from the bytes themselves (magic numbers, and for the Office
 * formats the parts inside the ZIP), never from the name or the declared type alone: a page renamed .pdf, or an
 * HTML file declared as an image, is refused. The stored and served type is the detected one.
 */
export const FILE_TYPES = {
  PDF: { mime: 'application/pdf', extensions: ['pdf'] },
  DOCX: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  XLSX: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  JPEG: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  PNG: { mime: 'image/png', extensions: ['png'] },
} as const;
export type FileKind = keyof typeof FILE_TYPES;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function detectFileKind(bytes: Buffer): FileKind | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'PDF';
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'PNG';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
  if (bytes.subarray(0, 4).toString('latin1') === 'PK\x03\x04') {
    const names = zipEntryNames(bytes);
    if (!names.has('[Content_Types].xml')) return null;
    if (names.has('word/document.xml')) return 'DOCX';
    if (names.has('xl/workbook.xml')) return 'XLSX';
  }
  return null;
}

/** The kind a file name's extension claims, or null for an extension not accepted. */
export function kindOfName(name: string): FileKind | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!ext) return null;
  return (
    (Object.keys(FILE_TYPES) as FileKind[]).find((k) =>
      (FILE_TYPES[k].extensions as readonly string[]).includes(ext),
    ) ?? null
  );
}

/** The entry names of a ZIP's central directory (found from its end record); empty when it is not a whole ZIP. */
function zipEntryNames(zip: Buffer): Set<string> {
  const names = new Set<string>();
  // The end-of-central-directory record is 22 bytes plus a comment of at most 65,535.
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= from; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return names;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let n = 0; n < count && at + 46 <= zip.length; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) break;
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.add(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

/** "20 MB" for the limit in messages (MiB, as a person reads a file size). */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace('.', ',')} MB`;
}
