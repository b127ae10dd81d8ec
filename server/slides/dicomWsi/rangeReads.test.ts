import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { virtualWsi, type VirtualWsi } from '../../testing/virtualWsi';
import { FIRST_HEADER_WINDOW } from './header';
import { readWsiInstance } from './instance';

/** A 256 px tile of noise at JPEG quality 90: about the size a scanner's tile is. */
async function noiseTile(): Promise<Uint8Array> {
  const data = Buffer.alloc(256 * 256 * 3);
  let seed = 7;
  for (let i = 0; i < data.length; i += 1) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = seed >>> 24;
  }
  return sharp(data, { raw: { width: 256, height: 256, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
const largest = (source: VirtualWsi) => Math.max(...source.reads.map((read) => read.length));
const total = (source: VirtualWsi) => source.reads.reduce((sum, read) => sum + read.length, 0);

describe('DICOM WSI instances read by range', () => {
  let tile: Uint8Array;
  beforeAll(async () => {
    tile = await noiseTile();
  });

  it('opens a multi-gigabyte instance through its Extended Offset Table, reading its header and the frames asked for only', async () => {
    // 80,128 px square in 256 px tiles: 97,969 frames, gigabytes of pixel data.
    const source = virtualWsi({ tilesAcross: 313, tilesDown: 313, tileSize: 256, frame: tile, offsetTable: 'extended' });
    expect(source.size).toBeGreaterThan(4 * 1024 ** 3);
    const instance = await readWsiInstance(source);
    expect([instance.totalColumns, instance.numberOfFrames, instance.framePositions.get(source.frames - 1)]).toEqual([80_128, 97_969, [312 * 256, 312 * 256]]);
    // The header (with 1.5 MB of offset tables) took a few growing windows, nothing near the pixel data.
    const opened = total(source);
    expect(opened).toBeLessThan(8 * 1024 * 1024);
    source.reads.length = 0;
    for (const index of [0, 48_984, source.frames - 1]) expect(same(await instance.frame(index), tile), `frame ${index}`).toBe(true);
    // One read per frame: its item header and its bytes.
    expect(source.reads).toHaveLength(3);
    expect(largest(source)).toBe(8 + tile.length + (tile.length % 2));
  });

  it('finds frames through the Basic Offset Table, one read per frame', async () => {
    const source = virtualWsi({ tilesAcross: 40, tilesDown: 40, tileSize: 256, frame: tile, offsetTable: 'basic' });
    const instance = await readWsiInstance(source);
    source.reads.length = 0;
    expect(same(await instance.frame(0), tile)).toBe(true);
    expect(same(await instance.frame(777), tile)).toBe(true);
    expect(source.reads).toHaveLength(2);
    // The last frame has no next offset: its fragments are walked to the sequence's end.
    expect(same(await instance.frame(1599), tile)).toBe(true);
    expect(largest(source)).toBeLessThanOrEqual(8 + tile.length + 1);
  });

  it('without an offset table indexes frames from fragment headers with small reads', async () => {
    const source = virtualWsi({ tilesAcross: 40, tilesDown: 40, tileSize: 256, frame: tile, offsetTable: 'none' });
    const instance = await readWsiInstance(source);
    const walk = source.reads.filter((read) => read.length === 10);
    expect(walk).toHaveLength(1600 + 1);
    expect(largest(source)).toBeLessThanOrEqual(FIRST_HEADER_WINDOW);
    expect(total(source)).toBeLessThan(FIRST_HEADER_WINDOW + 20 * 1601);
    source.reads.length = 0;
    expect(same(await instance.frame(1234), tile)).toBe(true);
    expect(source.reads).toEqual([expect.objectContaining({ length: tile.length + (tile.length % 2) })]);
  });

  it('joins a frame stored as two fragments, with or without an offset table', async () => {
    for (const offsetTable of ['basic', 'none'] as const) {
      const source = virtualWsi({ tilesAcross: 3, tilesDown: 2, tileSize: 256, frame: tile, offsetTable, fragmentsPerFrame: 2 });
      const instance = await readWsiInstance(source);
      for (const index of [0, 4, 5]) expect(same(await instance.frame(index), tile), `${offsetTable} frame ${index}`).toBe(true);
    }
  });

  it('refuses a fragment claiming more bytes than any tile rather than reading it', async () => {
    const source = virtualWsi({ tilesAcross: 2, tilesDown: 1, tileSize: 256, frame: tile, offsetTable: 'none' });
    // The first fragment header the walk reads claims 4 GB.
    let walked = false;
    const damaged = {
      size: source.size,
      read: async (offset: number, length: number) => {
        const bytes = Uint8Array.from(await source.read(offset, length));
        if (length === 10 && !walked) {
          walked = true;
          bytes.set([0x00, 0xff, 0xff, 0xff], 4);
        }
        return bytes;
      },
    };
    await expect(readWsiInstance(damaged)).rejects.toThrow(/would be 4294967040 bytes.*damaged/);
    expect(largest(source)).toBeLessThan(FIRST_HEADER_WINDOW + 1);
  });

  it('refuses a file cut short before its pixel data, saying so', async () => {
    const whole = virtualWsi({ tilesAcross: 2, tilesDown: 2, tileSize: 256, frame: tile, offsetTable: 'basic' });
    const header = await whole.read(0, 600);
    const cut = { size: header.length, read: async (offset: number, length: number) => header.subarray(offset, offset + length) };
    await expect(readWsiInstance(cut)).rejects.toThrow(/no pixel data|not readable as DICOM/);
  });
});
