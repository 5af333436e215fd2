import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// fontkit (pdfkit's own font parser) ships no types: only `create` is used, its result handed to pdfkit as is.
const { create } = createRequire(import.meta.url)('fontkit') as { create(font: Buffer): unknown };

const font = (file: string) => fileURLToPath(new URL(`../fonts/${file}`, import.meta.url));

/** Liberation Serif, bundled (fonts/README.md): embedded in every PDF. */
export const PDF_FONTS = {
  regular: font('LiberationSerif-Regular.ttf'),
  bold: font('LiberationSerif-Bold.ttf'),
  italic: font('LiberationSerif-Italic.ttf'),
  boldItalic: font('LiberationSerif-BoldItalic.ttf'),
};

/** In DOCX the text names Times New Roman, which Word has; Liberation Serif has the same metrics. */
export const DOCX_FONT = 'Times New Roman';

/** Decree 30: the body in 13–14 pt. */
export const BODY_PT = 13;

let parsed: Record<keyof typeof PDF_FONTS, PDFKit.Mixins.PDFFontSource> | undefined;

/**
 * The fonts parsed once per process and shared by every PDF: pdfkit would otherwise read and decode each file
 * again for every document (most of a large annex's time). Each document still embeds its own subset.
 */
export function pdfFaces(): Record<keyof typeof PDF_FONTS, PDFKit.Mixins.PDFFontSource> {
  return (parsed ??= Object.fromEntries(
    Object.entries(PDF_FONTS).map(([face, path]) => [
      face,
      create(readFileSync(path)) as PDFKit.Mixins.PDFFontSource,
    ]),
  ) as Record<keyof typeof PDF_FONTS, PDFKit.Mixins.PDFFontSource>);
}
