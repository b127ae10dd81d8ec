/** Why a tile is missing, in the terms the viewer's notice uses. */
export type TileFailure =
  /** No network, and the tile was never kept for offline reading. */
  | 'offline'
  /** The server answered with an error, or sent something that is not an image. */
  | 'server'
  /** The slide's pyramid was rebuilt on the server since its detail was read: a new page shows the new one. */
  | 'rebuilt';

export class TileLoadError extends Error {
  constructor(
    readonly failure: TileFailure,
    detail: string,
  ) {
    super(`${failure}: ${detail}`);
    this.name = 'TileLoadError';
  }
}

/** Fetches one tile of our level `level` (0 = full resolution); rejects with a TileLoadError. */
export type LoadTile = (level: number, x: number, y: number) => Promise<Blob>;
