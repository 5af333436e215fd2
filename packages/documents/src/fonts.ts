import { fileURLToPath } from 'node:url';

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
