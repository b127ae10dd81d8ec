import { describe, expect, it } from 'vitest';
import { DecodedTiles, type DecodeTile } from './decodedTiles';

/** Stands in for an ImageBitmap: the store only keeps, hands over and closes it. */
interface FakeBitmap {
  readonly from: string;
  closed: boolean;
  close(): void;
}

/** A decoder seam (createImageBitmap is the browser's): each blob's text becomes a bitmap that records its closing. */
function decoder(): { decode: DecodeTile; made: FakeBitmap[] } {
  const made: FakeBitmap[] = [];
  const decode: DecodeTile = async (tile) => {
    const bitmap: FakeBitmap = { from: await tile.text(), closed: false, close: () => void (bitmap.closed = true) };
    made.push(bitmap);
    return bitmap as unknown as ImageBitmap; // the fake has what the store uses of an ImageBitmap
  };
  return { decode, made };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DecodedTiles', () => {
  it('hands a decoded tile over once, by its address', async () => {
    const { decode } = decoder();
    const tiles = new DecodedTiles(decode);
    tiles.add({ level: 2, x: 1, y: 0 }, Promise.resolve(new Blob(['2/1/0'])));
    expect(tiles.take(2, 1, 0)).toBeNull(); // not decoded yet: the job loads it
    await settled();
    expect(tiles.take(2, 0, 1)).toBeNull();
    expect((tiles.take(2, 1, 0) as unknown as FakeBitmap).from).toBe('2/1/0');
    expect(tiles.take(2, 1, 0)).toBeNull();
  });

  it('leaves a tile whose bytes failed to the loader', async () => {
    const { decode, made } = decoder();
    const tiles = new DecodedTiles(decode);
    tiles.add({ level: 0, x: 0, y: 0 }, Promise.reject(new Error('offline')));
    await settled();
    expect(tiles.take(0, 0, 0)).toBeNull();
    expect(made).toHaveLength(0);
  });

  it('closes what nobody took, and what is decoded after it closed', async () => {
    const { decode, made } = decoder();
    const tiles = new DecodedTiles(decode);
    tiles.add({ level: 4, x: 0, y: 0 }, Promise.resolve(new Blob(['taken'])));
    tiles.add({ level: 3, x: 0, y: 0 }, Promise.resolve(new Blob(['left'])));
    let arrive: (tile: Blob) => void = () => undefined;
    tiles.add({ level: 2, x: 0, y: 0 }, new Promise<Blob>((resolve) => (arrive = resolve)));
    await settled();
    const taken = tiles.take(4, 0, 0) as unknown as FakeBitmap;
    tiles.close();
    expect(taken.closed).toBe(false);
    expect(made.find((bitmap) => bitmap.from === 'left')?.closed).toBe(true);
    arrive(new Blob(['late']));
    await settled();
    expect(tiles.take(2, 0, 0)).toBeNull();
    expect(made.every((bitmap) => bitmap === taken || bitmap.closed)).toBe(true);
  });
});
