import { create } from 'content-disposition';

/**
 * A download's Content-Disposition (RFC 6266, written by the content-disposition library): the name in UTF-8,
 * Vietnamese as it is, and for clients that read only the plain parameter the same name without diacritics.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|[%;\\"]/g, '_');
  return create(name, { fallback: ascii });
}
