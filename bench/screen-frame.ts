/** What one drawn frame shows, read from its plain text (as test/ui/switch-frames.test.tsx reads it). */

export interface FrameView {
  readonly symbol: string | undefined;
  /** Price rows on the ladder, asks and bids together. */
  readonly levels: number;
  readonly waiting: boolean;
}

const LADDER_ROW = /^│\s+\d+(?:\.\d+)?\s+\d/gm;

export function readFrame(text: string): FrameView {
  return {
    symbol: /Depth (\w+)/.exec(text)?.[1],
    levels: text.match(LADDER_ROW)?.length ?? 0,
    waiting: text.includes('waiting for a book'),
  };
}

/** A frame a trader would call blank: no book, or fewer rows than the configured depth a side. */
export function isBlank(view: FrameView, depth: number): boolean {
  return view.waiting || view.levels < depth * 2;
}
