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
  it('hands a tile over once, by its address, as its bitmap once decoded', async () => {
    const { decode } = decoder();
    const tiles = new DecodedTiles(decode);
    tiles.add({ level: 2, x: 1, y: 0 }, Promise.resolve(new Blob(['2/1/0'])));
    expect(tiles.take(2, 0, 1)).toBeNull();
    const taken = tiles.take(2, 1, 0);
    expect(tiles.take(2, 1, 0)).toBeNull();
    expect(((await taken) as unknown as FakeBitmap).from).toBe('2/1/0');
  });

  it('answers null for a tile whose bytes failed, so the loader has it', async () => {
    const { decode, made } = decoder();
    const tiles = new DecodedTiles(decode);
    tiles.add({ level: 0, x: 0, y: 0 }, Promise.reject(new Error('offline')));
    expect(await tiles.take(0, 0, 0)).toBeNull();
    expect(made).toHaveLength(0);
  });

  it('closes what nobody took, also what is still on its way, and takes no more', async () => {
    const { decode, made } = decoder();
    const tiles = new DecodedTiles(decode);
    tiles.add({ level: 4, x: 0, y: 0 }, Promise.resolve(new Blob(['taken'])));
    tiles.add({ level: 3, x: 0, y: 0 }, Promise.resolve(new Blob(['left'])));
    let arrive: (tile: Blob) => void = () => undefined;
    tiles.add({ level: 2, x: 0, y: 0 }, new Promise<Blob>((resolve) => (arrive = resolve)));
    await settled();
    const taken = (await tiles.take(4, 0, 0)) as unknown as FakeBitmap;
    tiles.close();
    arrive(new Blob(['late']));
    await settled();
    expect(taken.closed).toBe(false);
    expect(made.find((bitmap) => bitmap.from === 'left')?.closed).toBe(true);
    expect(made.some((bitmap) => bitmap.from === 'late')).toBe(false); // bytes after the close are not decoded
    expect(tiles.take(2, 0, 0)).toBeNull();
    tiles.add({ level: 1, x: 0, y: 0 }, Promise.resolve(new Blob(['after'])));
    expect(tiles.take(1, 0, 0)).toBeNull();
  });

  it('counts the tiles still to be taken, decoded or not', async () => {
    const tiles = new DecodedTiles(decoder().decode);
    tiles.add({ level: 2, x: 0, y: 0 }, Promise.resolve(new Blob(['in'])));
    tiles.add({ level: 2, x: 1, y: 0 }, new Promise<Blob>(() => undefined));
    await settled();
    expect(tiles.waiting).toBe(2);
    void tiles.take(2, 1, 0);
    expect(tiles.take(3, 0, 0)).toBeNull();
    expect(tiles.waiting).toBe(1);
    tiles.close();
    expect(tiles.waiting).toBe(0);
  });

  it('takes bitmaps decoded elsewhere as they are, and closes one added after the close', async () => {
    const { decode, made } = decoder();
    const [worker, late] = await Promise.all([decode(new Blob(['worker'])), decode(new Blob(['late']))]);
    const tiles = new DecodedTiles(decode);
    tiles.addDecoded({ level: 2, x: 0, y: 0 }, Promise.resolve(worker));
    expect(await tiles.take(2, 0, 0)).toBe(worker);
    tiles.close();
    tiles.addDecoded({ level: 1, x: 0, y: 0 }, Promise.resolve(late));
    await settled();
    expect(tiles.take(1, 0, 0)).toBeNull();
    expect(made.map((bitmap) => [bitmap.from, bitmap.closed])).toEqual([
      ['worker', false],
      ['late', true],
    ]);
  });
});
