import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Block, DocumentModel, OfficialHeader, PageSetup } from './model';
import { DECREE_30_MARGINS } from './model';

/** The folder of the document templates (templates/README.md describes their syntax). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

/** What a template's placeholders read: text, numbers, lists to repeat, or blocks made in code (tables). */
export type TemplateValue =
  string | number | boolean | null | undefined | Block[] | TemplateData[] | TemplateData;
export interface TemplateData {
  [key: string]: TemplateValue;
}

interface Parsed {
  settings: Record<string, string>;
  lines: string[];
}

const cache = new Map<string, Parsed>();

function load(name: string): Parsed {
  let parsed = cache.get(name);
  if (!parsed) {
    const text = readFileSync(new URL(`../templates/${name}.vi.md`, import.meta.url), 'utf8');
    parsed = parse(text);
    cache.set(name, parsed);
  }
  return parsed;
}

/** Front matter (`key: value` lines between `---`), then the body's lines without comments. */
export function parse(text: string): Parsed {
  const settings: Record<string, string> = {};
  let body = text.replace(/<!--[\s\S]*?-->/g, '');
  const front = /^---\n([\s\S]*?)\n---\n/.exec(body);
  if (front) {
    for (const line of front[1]!.split('\n')) {
      const m = /^(\w+):\s*(.*)$/.exec(line.trim());
      if (m) settings[m[1]!] = m[2]!;
    }
    body = body.slice(front[0].length);
  }
  return { settings, lines: body.split('\n') };
}

/** A document from the named template (templates/<name>.vi.md) and its data. */
export function fromTemplate(name: string, data: TemplateData, header?: OfficialHeader): DocumentModel {
  const { settings, lines } = load(name);
  const page: PageSetup = {
    size: settings.size === 'A3' ? 'A3' : 'A4',
    orientation: settings.orientation === 'landscape' ? 'landscape' : 'portrait',
    margins: DECREE_30_MARGINS,
    pageNumbers: settings.pageNumbers !== 'no',
  };
  return {
    title: fill(settings.title ?? name, [data]),
    page,
    header,
    blocks: renderLines(lines, [data], name),
  };
}

/** The blocks of a template's body. Exported for the unit tests. */
export function renderLines(lines: string[], scopes: TemplateData[], name = 'template'): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const control = /^\{\{(each|if|unless) ([\w.]+)\}\}$/.exec(line);
    if (control) {
      const end = matchingEnd(lines, i, name);
      const inner = lines.slice(i + 1, end);
      const value = lookup(control[2]!, scopes, name);
      if (control[1] === 'each') {
        if (!Array.isArray(value)) throw new Error(`${name}: {{each ${control[2]}}} needs a list`);
        for (const item of value as TemplateData[]) out.push(...renderLines(inner, [item, ...scopes], name));
      } else if (truthy(value) === (control[1] === 'if')) {
        out.push(...renderLines(inner, scopes, name));
      }
      i = end;
      continue;
    }
    const block = /^\{\{block ([\w.]+)\}\}$/.exec(line);
    if (block) {
      const value = lookup(block[1]!, scopes, name);
      if (!Array.isArray(value)) throw new Error(`${name}: {{block ${block[1]}}} needs blocks`);
      out.push(...(value as Block[]));
      continue;
    }
    if (line === '---') {
      out.push({ kind: 'pageBreak' });
      continue;
    }
    out.push(lineBlock(line, scopes, name));
  }
  return out;
}

function lineBlock(line: string, scopes: TemplateData[], name: string): Block {
  const text = (s: string) => fill(s, scopes, name);
  if (line.startsWith('### ')) return { kind: 'heading', text: text(line.slice(4)) };
  if (line.startsWith('## ')) return { kind: 'subtitle', text: text(line.slice(3)) };
  if (line.startsWith('# ')) return { kind: 'title', text: text(line.slice(2)) };
  if (line.startsWith('- ')) return { kind: 'item', text: text(line.slice(2)) };
  if (line.startsWith('> ')) return { kind: 'paragraph', text: text(line.slice(2)), align: 'center' };
  if (line.startsWith('~ '))
    return { kind: 'paragraph', text: text(line.slice(2)), align: 'center', italic: true };
  if (line.startsWith('_ '))
    return { kind: 'paragraph', text: text(line.slice(2)), italic: true, indent: true };
  return { kind: 'paragraph', text: text(line), indent: true };
}

function matchingEnd(lines: string[], start: number, name: string): number {
  let depth = 0;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (/^\{\{(each|if|unless) /.test(l)) depth++;
    else if (l === '{{end}}' && --depth === 0) return i;
  }
  throw new Error(`${name}: "${lines[start]!.trim()}" has no {{end}}`);
}

function truthy(v: TemplateValue): boolean {
  return Array.isArray(v) ? v.length > 0 : !!v;
}

function lookup(path: string, scopes: TemplateData[], name: string): TemplateValue {
  const [first, ...rest] = path.split('.');
  const scope = scopes.find((s) => s && typeof s === 'object' && first! in s);
  if (!scope) throw new Error(`${name}: no value for {${path}}`);
  let v: TemplateValue = scope[first!];
  for (const key of rest) v = v && typeof v === 'object' && !Array.isArray(v) ? v[key] : undefined;
  return v;
}

/** Replaces each {name} or {a.b}; a missing value is the template's mistake and says so. */
export function fill(text: string, scopes: TemplateData[], name = 'template'): string {
  return text.replace(/\{([\w.]+)\}/g, (_, path: string) => {
    const v = lookup(path, scopes, name);
    if (v === null || v === undefined || typeof v === 'object') {
      throw new Error(`${name}: {${path}} is ${v === null || v === undefined ? 'empty' : 'not text'}`);
    }
    return String(v);
  });
}
