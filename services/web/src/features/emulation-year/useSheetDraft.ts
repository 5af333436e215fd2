import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../graphql';
import { useSession } from '../../app/session';
import {
  newestDraft,
  readDraft,
  removeDraft,
  sheetDraftKey,
  writeDraft,
  type SheetDraft,
} from './sheetDraft';

const SaveDraft = graphql(`
  mutation SaveScoreSheetDraft($input: SaveScoreSheetDraftInput!) {
    saveScoreSheetDraft(input: $input) {
      savedAt
    }
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

/**
 * What the person typed on a sheet and has not sent: kept at once in this browser and, after a pause, by the
 * gateway, so that it is found again on another device. The draft restored is the newest of the two that was
 * typed over the version the sheet still has. `saved` is when the gateway last kept it; `failed`, that it could
 * not (the browser's copy still holds it).
 */
export function useSheetDraft(
  sheet: { yearId: string; scorer: string; target: string; version: number | null },
  server: ServerDraft | null,
) {
  const key = sheetDraftKey(useSession().user?.id ?? '', sheet.yearId, sheet.scorer, sheet.target);
  const [restored, setRestored] = useState<SheetDraft | null>(() =>
    newestDraft(
      readDraft(key, sheet.version),
      server && server.basedOnVersion === sheet.version
        ? {
            entries: Object.fromEntries(server.entries.map(({ code, ...entry }) => [code, entry])),
            bonus: server.bonus,
            reason: server.reason,
            version: server.basedOnVersion,
            savedAt: server.savedAt,
          }
        : null,
    ),
  );
  const [saved, setSaved] = useState<{ at: string } | 'failed' | null>(null);
  const [, save] = useMutation(SaveDraft);
  const [, discard] = useMutation(DiscardDraft);
  const pending = useRef<Omit<SheetDraft, 'savedAt' | 'version'> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const { yearId, scorer, target, version } = sheet;

  const actions = useMemo(() => {
    const send = () => {
      clearTimeout(timer.current);
      const draft = pending.current;
      pending.current = null;
      if (!draft) return;
      void save({
        input: {
          emulationYearId: yearId,
          scorerUnitId: scorer,
          targetUnitId: target,
          entries: Object.entries(draft.entries).map(([code, entry]) => ({ code, ...entry })),
          bonus: draft.bonus,
          reason: draft.reason,
          basedOnVersion: version,
        },
      }).then((r) =>
        setSaved(r.data?.saveScoreSheetDraft ? { at: r.data.saveScoreSheetDraft.savedAt } : 'failed'),
      );
    };
    return {
      send,
      /** Keeps what is typed now: in this browser at once, with the gateway after a pause. */
      keep(draft: Omit<SheetDraft, 'savedAt' | 'version'>) {
        writeDraft(key, { ...draft, version });
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
        pending.current = null;
        removeDraft(key);
      },
      /** Scoring is over: nothing typed can be sent any more (the gateway dropped its copy at the lock). */
      expire() {
        removeDraft(key);
      },
      discard() {
        clearTimeout(timer.current);
        pending.current = null;
        removeDraft(key);
        setRestored(null);
        setSaved(null);
        void discard({ year: yearId, scorer, target });
      },
    };
  }, [key, yearId, scorer, target, version, save, discard]);
  // Leaving the page sends what waits for its pause.
  useEffect(() => actions.send, [actions]);

  return { restored, saved, ...actions };
}
