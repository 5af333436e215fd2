/**
 * A score sheet typed and not yet sent, kept in this browser's storage so that leaving the page, a reload or a
 * closed tab loses nothing, even offline; the gateway keeps a copy too (`useSheetDraft`), so that it follows the
 * person to another device. Keyed by the person, the year and the sheet, so that someone else signing in on the
 * same computer never finds it; dropped once the sheet is sent, when its sent version has moved on, after two weeks,
 * once scoring has ended, and on sign-out.
 */
export interface SheetDraft {
  entries: Record<string, { points: string; text: string; link: string }>;
  bonus: string;
  reason: string;
  /** The sent version it was typed over (null: none yet). */
  version: number | null;
  savedAt: string;
  /** The gateway's time of this browser's last save of it (null: never saved there from here). */
  syncedAt?: string | null;
}

const PREFIX = 'thidua.sheet-draft:';
/** A draft older than this is dropped unread: scoring lasts weeks, and a shared computer should not keep it longer. */
const MAX_AGE_MS = 14 * 86_400_000;

export function sheetDraftKey(userId: string, yearId: string, scorer: string, target: string): string {
  return `${PREFIX}${userId}:${yearId}:${scorer}:${target}`;
}

/** The draft, when one was typed over the version the sheet still has. */
export function readDraft(key: string, version: number | null): SheetDraft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as SheetDraft;
    const fresh = Date.now() - new Date(draft.savedAt).getTime() < MAX_AGE_MS;
    if (fresh && draft.version === version && draft.entries && typeof draft.bonus === 'string') return draft;
    // Sent again since (on another device, or on the person's behalf), or too old: the draft is stale.
    localStorage.removeItem(key);
  } catch {
    // Storage refused (private mode, full) or unreadable: no draft.
  }
  return null;
}

export function writeDraft(key: string, draft: Omit<SheetDraft, 'savedAt'>): void {
  try {
    localStorage.setItem(key, JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
  } catch {
    // Storage refused: the sheet still works, only without a draft.
  }
}

export function removeDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing kept, nothing to remove.
  }
}

/** Signing out leaves no typed scores behind on a shared computer. */
export function removeAllDrafts(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // As above.
  }
}

export const isUrl = (s: string) => /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(s.trim());
/**
 * An address copied without its scheme ("vanban.laocai.gov.vn/bc-2027", as browsers show it) gets https://; words
 * that are no address are left for the check to refuse.
 */
export const withScheme = (s: string) =>
  /^[\p{L}\d-]+(\.[\p{L}\d-]+)+(:\d+)?([/?#]\S*)?$/u.test(s.trim()) ? `https://${s.trim()}` : s;
