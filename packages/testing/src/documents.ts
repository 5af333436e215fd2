import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the tests leave generated documents and their pages as PNG for a person to look at (git-ignored). */
export const DOCUMENT_RESULTS = fileURLToPath(new URL('../../../test-results/documents/', import.meta.url));

/** Writes the PDF (and its pages as PNG, at 60 dpi) under test-results/documents; returns the PDF's path. */
export async function keepDocument(
  name: string,
  bytes: Buffer,
  ext: 'pdf' | 'docx' = 'pdf',
): Promise<string> {
  await mkdir(DOCUMENT_RESULTS, { recursive: true });
  const path = join(DOCUMENT_RESULTS, `${name}.${ext}`);
  await writeFile(path, bytes);
  if (ext === 'pdf') await run('pdftoppm', ['-png', '-r', '60', path, join(DOCUMENT_RESULTS, name)]);
  return path;
}

/** The PDF's text as poppler reads it: a table's cells in reading order, each cell's lines one after another. */
export async function pdfText(path: string): Promise<string> {
  return (await run('pdftotext', [path, '-'], { maxBuffer: 64 << 20 })).stdout;
}

/** pdfinfo's fields: Pages, "Page size", Title… */
export async function pdfInfo(path: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', [path]);
  return Object.fromEntries(
    stdout
      .split('\n')
      .map((l) => /^([^:]+):\s*(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1]!, m[2]!]),
  );
}

/** pdffonts' rows: each font's name and whether it is embedded. */
export async function pdfFonts(path: string): Promise<{ name: string; embedded: boolean }[]> {
  const { stdout } = await run('pdffonts', [path]);
  return stdout
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name, type words…, encoding, emb, sub, uni, object, ID: emb is the fifth column from the end.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

/** Each word's box on each page (pdftotext -bbox), in points from the top-left corner. */
export async function pdfWords(path: string): Promise<
  {
    page: number;
    width: number;
    height: number;
    words: { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[];
  }[]
> {
  const { stdout } = await run('pdftotext', ['-bbox', path, '-'], { maxBuffer: 64 << 20 });
  return [...stdout.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((p, i) => ({
    page: i + 1,
    width: Number(p[1]),
    height: Number(p[2]),
    words: [
      ...p[3]!.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((w) => ({
      xMin: Number(w[1]),
      yMin: Number(w[2]),
      xMax: Number(w[3]),
      yMax: Number(w[4]),
      text: unescape(w[5]!),
    })),
  }));
}

/** The DOCX's word/document.xml as it is (runs, sizes, margins). */
export async function documentXml(bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docx-'));
  try {
    await writeFile(join(dir, 'd.docx'), bytes);
    return (await run('unzip', ['-p', join(dir, 'd.docx'), 'word/document.xml'], { maxBuffer: 64 << 20 }))
      .stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The DOCX's text: word/document.xml's paragraphs, one a line (as Word would read them back). */
export async function docxText(bytes: Buffer): Promise<string> {
  const stdout = await documentXml(bytes);
  return unescape(
    stdout
      .replace(/<w:br\/>/g, '\n')
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, ''),
  );
}

/** The text of each DOCX paragraph Word keeps on the page of the next one (`w:keepNext`). */
export async function docxKeptWithNext(bytes: Buffer): Promise<string[]> {
  const paragraphs = (await documentXml(bytes)).match(/<w:p[ >].*?<\/w:p>/gs) ?? [];
  return paragraphs
    .filter((p) => /<w:keepNext\/>/.test(p))
    .map((p) => unescape(p.replace(/<[^>]+>/g, '')).trim());
}

/** The DOCX's one section's page size and margins, in twips. */
export async function docxPage(bytes: Buffer): Promise<Record<string, number>> {
  const stdout = await documentXml(bytes);
  const size = /<w:pgSz ([^>]*)\/>/.exec(stdout)?.[1] ?? '';
  const margins = /<w:pgMar ([^>]*)\/>/.exec(stdout)?.[1] ?? '';
  return Object.fromEntries(
    [...`${size} ${margins}`.matchAll(/w:(\w+)="(\d+)"/g)].map((m) => [m[1]!, Number(m[2])]),
  );
}

function unescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
