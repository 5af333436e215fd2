/** An emulation block of agencies (khối thi đua) or a cluster of localities (cụm thi đua). */
export type BlockKind = 'BLOCK' | 'CLUSTER';

/** A block as its notices name it: "Khối thi đua 6", "Cụm thi đua số 2". */
export interface BlockLabel {
  name: string;
  kind?: BlockKind | null;
}

/**
 * "khối" or "cụm", as a block's own texts name it ("Trưởng cụm", "Được Cụm bình chọn"): a cluster's minutes,
 * explanations and notices never speak of a "khối". `Block` is the capitalised form for the body itself, `en`
 * the English word.
 */
export function blockWords(kind?: BlockKind | null) {
  const block = kind === 'CLUSTER' ? 'cụm' : 'khối';
  return {
    block,
    Block: `${block[0]!.toUpperCase()}${block.slice(1)}`,
    en: kind === 'CLUSTER' ? 'cluster' : 'block',
  };
}
