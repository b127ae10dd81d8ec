/**
 * Instances of one slide grouped into its pyramid: VOLUME instances of the same size are one
 * level (a scanner may split a level over several instances), the largest level is level 0, and
 * label, overview and thumbnail instances are set aside as associated images, never levels.
 */
import { NATIVE_TRANSFER_SYNTAXES, transferSyntaxName } from '../../dicom/uids';
import { JPEG_BASELINE, WsiError, type WsiInstance } from './instance';

/** Where one tile of a source level is stored. */
export interface StoredTile {
  readonly instance: WsiInstance;
  readonly frame: number;
}

export interface WsiSourceLevel {
  readonly width: number;
  readonly height: number;
  /** Level-0 px per px of this level. */
  readonly downsample: number;
  readonly tileColumns: number;
  readonly tileRows: number;
  /** The instances holding it (one, or a level split over several). */
  readonly instances: readonly WsiInstance[];
  /** True when every tile is a baseline JPEG, which browsers decode as stored. */
  readonly jpegBaseline: boolean;
  /** Tile at column `tx`, row `ty` (tile indices), or undefined where a sparse level has none. */
  tile(tx: number, ty: number): StoredTile | undefined;
}

export interface WsiPyramid {
  readonly key: string;
  /** Largest first. */
  readonly levels: readonly WsiSourceLevel[];
  /** Label, overview and thumbnail instances: kept out of the served pyramid. */
  readonly associated: readonly WsiInstance[];
}

/** The pyramid of one slide's instances (same PyramidUID, else series); throws WsiError when it has no VOLUME level or a level mixes tile sizes or unsupported compression. */
export function buildWsiPyramid(key: string, members: readonly WsiInstance[]): WsiPyramid {
  const volumes = members.filter((m) => m.flavor === 'VOLUME');
  if (volumes.length === 0) throw new WsiError(`slide ${key} has only label or overview images, no tissue image (VOLUME)`);
  const bySize = new Map<string, WsiInstance[]>();
  for (const volume of volumes) {
    const size = `${volume.totalColumns}x${volume.totalRows}`;
    bySize.set(size, [...(bySize.get(size) ?? []), volume]);
  }
  const widest = Math.max(...volumes.map((v) => v.totalColumns));
  const levels = [...bySize.values()].map((parts) => levelOf(parts, widest)).sort((a, b) => b.width - a.width);
  return { key, levels, associated: members.filter((m) => m.flavor !== 'VOLUME') };
}

function levelOf(parts: readonly WsiInstance[], level0Width: number): WsiSourceLevel {
  const [first] = parts as [WsiInstance, ...WsiInstance[]];
  for (const part of parts) {
    if (part.tileColumns !== first.tileColumns || part.tileRows !== first.tileRows) {
      throw new WsiError(`the ${first.totalColumns} × ${first.totalRows} level mixes tiles of ${first.tileColumns} × ${first.tileRows} and ${part.tileColumns} × ${part.tileRows} px`);
    }
    const ts = part.transferSyntaxUid;
    if (ts !== JPEG_BASELINE && !NATIVE_TRANSFER_SYNTAXES.has(ts)) {
      throw new WsiError(`its tiles are compressed as ${transferSyntaxName(ts) ?? ts}; only baseline JPEG and uncompressed tiles can be served`);
    }
  }
  const tiles = new Map<string, StoredTile>();
  for (const instance of parts) {
    for (const [frame, [column, row]] of instance.framePositions) {
      if (column % first.tileColumns !== 0 || row % first.tileRows !== 0) {
        throw new WsiError(`a tile of the ${first.totalColumns} × ${first.totalRows} level lies at ${column}, ${row}, off the ${first.tileColumns} px tile grid`);
      }
      const key = `${column / first.tileColumns},${row / first.tileRows}`;
      if (!tiles.has(key)) tiles.set(key, { instance, frame });
    }
  }
  return {
    width: first.totalColumns,
    height: first.totalRows,
    downsample: level0Width / first.totalColumns,
    tileColumns: first.tileColumns,
    tileRows: first.tileRows,
    instances: parts,
    jpegBaseline: parts.every((p) => p.transferSyntaxUid === JPEG_BASELINE),
    tile: (tx, ty) => tiles.get(`${tx},${ty}`),
  };
}
