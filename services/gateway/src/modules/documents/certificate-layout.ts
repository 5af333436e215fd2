import { currentManager } from '@thidua/db';
import {
  CERTIFICATE_FIELDS,
  DEFAULT_CERTIFICATE_LAYOUT,
  PAPER_MM,
  type CertificateField,
  type CertificateLayout,
} from '@thidua/documents';
import { badInput } from '../../common/errors';

/** The province's layout of its certificate blank (the request's province, RLS), or the platform's default. */
export async function certificateLayout(): Promise<{ layout: CertificateLayout; isDefault: boolean }> {
  const m = await currentManager();
  const [row] = (await m.query(`SELECT layout FROM certificate_layout`)) as { layout: CertificateLayout }[];
  return row
    ? { layout: row.layout, isDefault: false }
    : { layout: DEFAULT_CERTIFICATE_LAYOUT, isDefault: true };
}

export async function saveCertificateLayout(provinceId: string, layout: CertificateLayout, userId: string) {
  const m = await currentManager();
  await m.query(
    `INSERT INTO certificate_layout (province_id, layout, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (province_id) DO UPDATE SET layout = EXCLUDED.layout, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [provinceId, JSON.stringify(layout), userId],
  );
}

export async function resetCertificateLayout(): Promise<void> {
  await (await currentManager()).query(`DELETE FROM certificate_layout`);
}

/**
 * Every field exactly once, inside the landscape sheet (the blank lies landscape, x along its long side), in a
 * readable size. Returns the layout keyed by field.
 */
export function checkLayout(input: {
  paper: 'A4' | 'A3';
  fields: ({ field: string } & CertificateLayout['fields'][CertificateField])[];
}): CertificateLayout {
  const [height, width] = PAPER_MM[input.paper];
  const fields = {} as CertificateLayout['fields'];
  input.fields.forEach((f, i) => {
    const at = `fields.${i}`;
    if (!(CERTIFICATE_FIELDS as readonly string[]).includes(f.field))
      throw badInput(`${at}.field`, `must be one of ${CERTIFICATE_FIELDS.join(', ')}`);
    if (f.field in fields) throw badInput(`${at}.field`, `${f.field} is placed twice`);
    if (!(f.x >= 0 && f.x <= width)) throw badInput(`${at}.x`, `must be between 0 and ${width} mm`);
    if (!(f.y >= 0 && f.y <= height)) throw badInput(`${at}.y`, `must be between 0 and ${height} mm`);
    if (!(f.size >= 6 && f.size <= 72)) throw badInput(`${at}.size`, 'must be between 6 and 72 pt');
    if (f.width !== null && !(f.width >= 10 && f.width <= width))
      throw badInput(`${at}.width`, `must be between 10 and ${width} mm`);
    fields[f.field as CertificateField] = {
      x: f.x,
      y: f.y,
      size: f.size,
      bold: f.bold,
      italic: f.italic,
      align: f.align,
      width: f.width,
    };
  });
  const missing = CERTIFICATE_FIELDS.filter((f) => !(f in fields));
  if (missing.length) throw badInput('fields', `place every field; missing: ${missing.join(', ')}`);
  return { paper: input.paper, fields };
}
