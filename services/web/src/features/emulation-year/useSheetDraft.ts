import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../graphql';
import { useSession } from '../../app/session';
import { apiErrors, showErrors } from '../../i18n/errors';
import { useI18n } from '../../i18n/i18n';
import { readDraft, removeDraft, sheetDraftKey, withScheme, writeDraft, type SheetDraft } from './sheetDraft';

// Answers a time, not a draft: a draft in the answer would make urql read the sheet again after every save.
const SaveDraft = graphql(`
  mutation SaveScoreSheetDraft($input: SaveScoreSheetDraftInput!) {
    saveScoreSheetDraft(input: $input)
  }
`);

const DiscardDraft = graphql(`
  mutation DiscardScoreSheetDraft($year: ID!, $scorer: ID!, $target: ID!) {
    discardScoreSheetDraft(emulationYearId: $year, scorerUnitId: $scorer, targetUnitId: $target)
  }
`);

/** The gateway's copy of a draft, as the sheet's query reads it. */
export interface ServerDraft {
  entries: { code: string; points: string; text: string; link: string }[];
  bonus: string;
  reason: string;
  basedOnVersion: number | null;
  savedAt: string;
}

/** Saving waits for a pause in the typing: one request per pause, not per key. */
const SAVE_AFTER_MS = 1500;

type Typed = Pick<SheetDraft, 'entries' | 'bonus' | 'reason'>;

/**
 * Which copy to restore, without comparing two clocks (the device's and the database's): the browser's copy
 * remembers the gateway's time of its last save from here (`syncedAt`). When the gateway still holds that save,
 * the browser's copy is the same or newer (typed since, perhaps offline); when the gateway holds another, it was
 * saved from another device since, and it wins.
 */
function restore(
  local: SheetDraft | null,
  server: ServerDraft | null,
  version: number | null,
): SheetDraft | null {
  const remote =
    server && server.basedOnVersion === version
      ? {
          // The fields alone: the client's answer also carries __typename, which the save's input refuses.
          entries: Object.fromEntries(
            server.entries.map(({ code, points, text, link }) => [code, { points, text, link }]),
          ),
          bonus: server.bonus,
          reason: server.reason,
          version,
          savedAt: server.savedAt,
          syncedAt: server.savedAt,
        }
      : null;
  if (!remote || (local && local.syncedAt === remote.savedAt)) return local ?? remote;
  return remote;
}

/**
 * What the person typed on a sheet and has not sent: kept at once in this browser and, after a pause (or as the
 * page is hidden or left), by the gateway, so that it is found again on another device. `version` is the sent
 * version the form was opened on. `saved` says when the gateway last kept it, or why it could not (the browser's
 * copy still holds it).
 */
export function useSheetDraft(
  sheet: { yearId: string; scorer: string; target: string; version: number | null },
  server: ServerDraft | null,
) {
  const i18n = useI18n();
  const key = sheetDraftKey(useSession().user?.id ?? '', sheet.yearId, sheet.scorer, sheet.target);
  const [restored, setRestored] = useState<SheetDraft | null>(() =>
    restore(readDraft(key, sheet.version), server, sheet.version),
  );
  const [saved, setSaved] = useState<{ at: string } | { failed: string } | null>(null);
  const [, save] = useMutation(SaveDraft);
  const [, discard] = useMutation(DiscardDraft);
  const pending = useRef<Typed | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // The gateway's time of the last save from here, kept with the browser's copy (see `restore`).
  const synced = useRef<string | null>(restored?.syncedAt ?? null);
  // A save on its way: a discard waits for it, or the save would bring the draft back.
  const inFlight = useRef<Promise<unknown>>(Promise.resolve());
  const { yearId, scorer, target, version } = sheet;

  const actions = useMemo(() => {
    const send = () => {
      clearTimeout(timer.current);
      const draft = pending.current;
      pending.current = null;
      if (!draft) return;
      const request = save({
        input: {
          emulationYearId: yearId,
          scorerUnitId: scorer,
          targetUnitId: target,
          // A link as it will be sent ("https://" added to an address copied without it): the other device finds
          // it so. Words typed there are kept as typed; sending the sheet says where they are wrong.
          // Named one by one: a copy kept in this browser before may carry more (a restored answer's __typename).
          entries: Object.entries(draft.entries).map(([code, { points, text, link }]) => ({
            code,
            points,
            text,
            link: withScheme(link),
          })),
          bonus: draft.bonus,
          reason: draft.reason,
          basedOnVersion: version,
        },
      }).then((r) => {
        const at = r.data?.saveScoreSheetDraft;
        if (at) {
          synced.current = at;
          // The browser's copy now matches the gateway's, unless typed since (then kept as it is, newer).
          if (!pending.current) writeDraft(key, { ...draft, version, syncedAt: at });
          setSaved({ at });
        } else {
          const shown = showErrors(i18n, apiErrors(r.error));
          setSaved({ failed: shown.general ?? Object.values(shown.fields)[0] ?? '' });
        }
      });
      inFlight.current = request;
    };
    const stop = () => {
      clearTimeout(timer.current);
      pending.current = null;
    };
    return {
      send,
      /** Keeps what is typed now: in this browser at once, with the gateway after a pause. */
      keep(draft: Typed) {
        writeDraft(key, { ...draft, version, syncedAt: synced.current });
        pending.current = draft;
        clearTimeout(timer.current);
        timer.current = setTimeout(send, SAVE_AFTER_MS);
      },
      /** The sheet is being sent: what waits for its pause waits for the answer. */
      hold() {
        clearTimeout(timer.current);
      },
      /** Sent: the browser's copy goes (the gateway dropped its own); refused: what waited is saved now. */
      settled(sent: boolean) {
        if (!sent) return send();
        stop();
        removeDraft(key);
      },
      /** Scoring is over: nothing typed can be sent any more (the gateway dropped its copy at the lock). */
      expire() {
        stop();
        removeDraft(key);
      },
      discard() {
        stop();
        removeDraft(key);
        setRestored(null);
        setSaved(null);
        synced.current = null;
        void inFlight.current.then(() => discard({ year: yearId, scorer, target }));
      },
    };
  }, [key, yearId, scorer, target, version, save, discard, i18n]);

  // Leaving the page, or the phone locked or switched to another app, sends what waits for its pause.
  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden') actions.send();
    };
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', actions.send);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', actions.send);
      actions.send();
    };
  }, [actions]);

  return { restored, saved, ...actions };
}
