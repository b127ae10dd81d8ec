import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { FrameSprites } from '../../core/item';
import { useT } from '../../i18n';
import { isSelected, type FrameSelection } from './frameSelection';
import { CELL_GAP, gridColumns, gridRows, sheetsAround, spriteCell } from './gridGeometry';
import { positionOf } from './shownFrames';
import { SpriteThumbnail } from './SpriteThumbnail';
import { useSpriteSheets, type SpriteSheet } from './useSpriteSheets';

/** One answered question of a frame, drawn as a coloured band on its cell. */
export interface CellAnswer {
  readonly questionId: string;
  readonly color: string;
  readonly title: string;
}

/** Cell size when a frame set has no sprites (CSS px). */
const PLAIN_CELL = { width: 160, height: 120 } as const;
/** Rows drawn beyond the view each way, so a quick arrow press never shows an empty row. */
const OVERSCAN_ROWS = 2;
/** Sheets fetched ahead beyond the rows drawn, each way (see `sheetsAround`). */
const SHEETS_AHEAD = 1;
/** The scroller's height assumed until it is laid out (CSS px): a first screenful of rows. */
const FIRST_SCREEN = { width: 0, height: 800 } as const;

/**
 * The virtualised thumbnail grid: only the rows in view (plus a few) are in the DOM, each cell a
 * canvas drawn from a sprite sheet loaded and decoded once. `shown`: frame indices in grid order, ascending
 * (a filter's result); answers are read per visible cell, so a change costs O(cells in view).
 * Memoised: the item page renders on every change of the open item (sync state, saving), and
 * the grid only when what it shows changed.
 */
export const FrameGrid = memo(function FrameGrid({
  itemId,
  sprites,
  shown,
  current,
  selection,
  answersOf,
  regionCountOf,
  changes,
  onColumns,
  onClick,
}: {
  readonly itemId: string;
  readonly sprites: FrameSprites | undefined;
  readonly shown: readonly number[];
  readonly current: number;
  readonly selection: FrameSelection | null;
  readonly answersOf: (frame: number) => readonly CellAnswer[];
  /** Regions drawn on a frame (a badge on its cell), where the label set has a region question. */
  readonly regionCountOf?: (frame: number) => number;
  /** The document's change counter: cells re-read their answers when it moves. */
  readonly changes: number;
  readonly onColumns: (columns: number) => void;
  readonly onClick: (frame: number, event: MouseEvent) => void;
}) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const cell = sprites ? { width: sprites.cellWidth, height: sprites.cellHeight } : PLAIN_CELL;
  const columns = gridColumns(width, cell.width);
  const rows = gridRows(shown.length, columns);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);
  useEffect(() => onColumns(columns), [columns, onColumns]);

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => cell.height + CELL_GAP,
    overscan: OVERSCAN_ROWS,
    initialRect: FIRST_SCREEN,
  });
  const items = virtualizer.getVirtualItems();
  const firstRow = items[0]?.index ?? 0;
  const lastRow = items[items.length - 1]?.index ?? -1;
  const needed = useMemo(
    () => (sprites ? sheetsAround(shown, columns, firstRow, lastRow, sprites, SHEETS_AHEAD) : new Set<number>()),
    [sprites, shown, columns, firstRow, lastRow],
  );
  const sheets = useSpriteSheets(itemId, sprites, needed);

  const currentPosition = useMemo(() => positionOf(shown, current), [shown, current]);
  useEffect(() => {
    if (currentPosition < 0) return;
    const row = Math.floor(currentPosition / columns);
    // Alignment 'auto' answered back: the row is in view already. Scrolling anyway would read the
    // scroller's layout after each key's render, forcing a layout the frame then does again.
    if (virtualizer.getOffsetForIndex(row, 'auto')?.[1] !== 'auto') virtualizer.scrollToIndex(row, { align: 'auto' });
  }, [currentPosition, columns, virtualizer]);

  return (
    <div className="frame-grid" ref={scroller} role="grid" aria-label={t('frames.grid')} aria-rowcount={rows} data-testid="frame-grid" data-rows={rows} data-columns={columns}>
      <div className="frame-grid-space" style={{ height: virtualizer.getTotalSize() }} data-changes={changes}>
        {items.map((row) => {
          const [from, to] = [row.index * columns, Math.min(shown.length, (row.index + 1) * columns)];
          return (
            <FrameGridRow
              // A slot, not the row: the rows in view are a contiguous run, so index mod their count
              // is unique, and the row scrolled in takes the elements of the one scrolled out
              // (attributes updated) instead of the page creating and removing a row per frame.
              key={row.index % items.length}
              shown={shown}
              from={from}
              to={to}
              start={row.start}
              cellWidth={cell.width}
              cellHeight={cell.height}
              sprites={sprites}
              sheets={sheets}
              sheetsKey={sprites ? rowSheetsKey(shown, from, to, sprites, sheets) : ''}
              current={currentPosition >= from && currentPosition < to ? current : null}
              selection={selection}
              answersOf={answersOf}
              regionCountOf={regionCountOf}
              cellsKey={rowCellsKey(shown, from, to, answersOf, regionCountOf)}
              onClick={onClick}
            />
          );
        })}
      </div>
    </div>
  );
});

/** The loaded sheets holding the frames at positions `from`…`to` − 1 (their serials), as one string a memo compares. */
function rowSheetsKey(shown: readonly number[], from: number, to: number, sprites: FrameSprites, sheets: ReadonlyMap<number, SpriteSheet>): string {
  let key = '';
  for (let position = from; position < to; position += 1) key += `${sheets.get(spriteCell(shown[position] as number, sprites).sheet)?.serial ?? ''} `;
  return key;
}

/** What the cells at positions `from`…`to` − 1 show of the document (answers, region counts), as one string a memo compares. */
export function rowCellsKey(
  shown: readonly number[],
  from: number,
  to: number,
  answersOf: (frame: number) => readonly CellAnswer[],
  regionCountOf: ((frame: number) => number) | undefined,
): string {
  let key = '';
  for (let position = from; position < to; position += 1) {
    const frame = shown[position] as number;
    for (const answer of answersOf(frame)) key += `${answer.questionId}\u0000${answer.color}\u0000${answer.title}\u0001`;
    key += `${regionCountOf?.(frame) ?? 0}\u0002`;
  }
  return key;
}

interface FrameGridRowProps {
  /** The frames in grid order (a filter's result) and the positions of this row's, `from`…`to` − 1. */
  readonly shown: readonly number[];
  readonly from: number;
  readonly to: number;
  /** Offset from the top of the grid, CSS px. */
  readonly start: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly sprites: FrameSprites | undefined;
  readonly sheets: ReadonlyMap<number, SpriteSheet>;
  /** The cells' loaded sheets (read from `sheets`, `rowSheetsKey`): the row renders again when one loads. */
  readonly sheetsKey: string;
  /** The current frame when this row shows it, else null: a move of the cursor renders only the two rows it leaves and enters. */
  readonly current: number | null;
  readonly selection: FrameSelection | null;
  readonly answersOf: (frame: number) => readonly CellAnswer[];
  readonly regionCountOf: ((frame: number) => number) | undefined;
  /** What the row's cells show of the document (`rowCellsKey`): the row renders again when it changes. */
  readonly cellsKey: string;
  readonly onClick: (frame: number, event: MouseEvent) => void;
}

/**
 * Rows compare by what their cells show (`cellsKey`), not by the readers of the document, which
 * are new functions after each change of it: an answer renders the one row it changed, not every
 * row in view.
 */
function sameRow(before: FrameGridRowProps, after: FrameGridRowProps): boolean {
  return (Object.keys(after) as (keyof FrameGridRowProps)[]).every((prop) => prop === 'answersOf' || prop === 'regionCountOf' || Object.is(before[prop], after[prop]));
}

/**
 * One row of cells, memoised: a scroll renders only the rows that came into view, an answer only
 * the row it changed, not every row in view (see `sameRow`).
 */
const FrameGridRow = memo(function FrameGridRow({
  shown,
  from,
  to,
  start,
  cellWidth,
  cellHeight,
  sprites,
  sheets,
  current,
  selection,
  answersOf,
  regionCountOf,
  onClick,
}: FrameGridRowProps) {
  const t = useT();
  return (
    <div className="frame-grid-row" role="row" style={{ transform: `translateY(${start}px)`, height: cellHeight }}>
      {shown.slice(from, to).map((frame, column) => {
        const place = sprites ? spriteCell(frame, sprites) : null;
        const sheet = place ? sheets.get(place.sheet)?.bitmap : undefined;
        const answers = answersOf(frame);
        const regions = regionCountOf?.(frame) ?? 0;
        return (
          <div
            // By column, for the same reason as the rows' slots.
            key={column}
            role="gridcell"
            className="frame-cell"
            aria-selected={isSelected(selection, frame)}
            aria-current={frame === current ? 'true' : undefined}
            data-testid="frame-cell"
            data-frame={frame}
            data-answers={answers.map((a) => a.questionId).join(' ')}
            style={{ width: cellWidth, height: cellHeight }}
            onClick={(event) => onClick(frame, event)}
          >
            {place && <SpriteThumbnail sheet={sheet} x={place.x} y={place.y} width={cellWidth} height={cellHeight} />}
            <span className="frame-cell-number">{frame + 1}</span>
            {regions > 0 && (
              <span className="frame-cell-regions" data-testid="frame-cell-regions" title={t('frames.regions.cellCount', { n: regions })}>
                {regions}
              </span>
            )}
            {answers.length > 0 && (
              <span className="frame-cell-answers">
                {answers.map((answer) => (
                  <span key={answer.questionId} className="frame-cell-band" style={{ background: answer.color }} title={answer.title} />
                ))}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}, sameRow);
