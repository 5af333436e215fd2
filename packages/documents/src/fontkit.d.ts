// fontkit ships no types; the documents use only `create`, whose font they hand to pdfkit as it is.
declare module 'fontkit' {
  export function create(buffer: Buffer, postscriptName?: string): unknown;
}
