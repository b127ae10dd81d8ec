import RBush from 'rbush';
import { describe, expect, it } from 'vitest';
import { intersects, type Box } from './bounds';
import { hilbert, NODE_SIZE, PACKED_FILL, packRTree, type RBushNode } from './packedRTree';

interface Item extends Box {
  readonly id: number;
}

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
}

function boxes(count: number, seed: number): Item[] {
  const random = lcg(seed);
  return Array.from({ length: count }, (_, id) => {
    const x = random() * 10_000;
    const y = random() * 8_000;
    return { id, minX: x, minY: y, maxX: x + random() * 60, maxY: y + random() * 60 };
  });
}

/** Every node's box holds its children's, leaves sit at height 1, and no node holds more than NODE_SIZE. */
function checkNode(node: RBushNode<Item>, leaves: Item[]): void {
  expect(node.children.length).toBeLessThanOrEqual(NODE_SIZE);
  expect(node.leaf).toBe(node.height === 1);
  for (const child of node.children) {
    expect(child.minX >= node.minX && child.minY >= node.minY && child.maxX <= node.maxX && child.maxY <= node.maxY).toBe(true);
    if (node.leaf) leaves.push(child as Item);
    else {
      expect((child as RBushNode<Item>).height).toBe(node.height - 1);
      checkNode(child as RBushNode<Item>, leaves);
    }
  }
}

const ids = (items: readonly Item[]): number[] => items.map((item) => item.id).sort((a, b) => a - b);

describe('packRTree', () => {
  it('packs every box once into nodes with room left, each node holding its children', () => {
    const items = boxes(5_000, 3);
    const root = packRTree(items);
    const leaves: Item[] = [];
    checkNode(root, leaves);
    expect(root.height).toBe(Math.ceil(Math.log(5_000) / Math.log(PACKED_FILL)));
    expect(ids(leaves)).toEqual(items.map((item) => item.id));
  });

  it('is a tree rbush searches, inserts into and removes from, matching a brute-force scan', () => {
    const random = lcg(11);
    const live = new Map(boxes(3_000, 5).map((item) => [item.id, item] as const));
    const tree = new RBush<Item>().fromJSON(packRTree([...live.values()]));
    for (let step = 0; step < 1_500; step += 1) {
      const id = Math.floor(random() * 4_000);
      const previous = live.get(id);
      if (previous) {
        tree.remove(previous);
        live.delete(id);
      }
      if (random() < 0.5) {
        const [next] = boxes(1, step + 100).map((item) => ({ ...item, id }));
        tree.insert(next!);
        live.set(id, next!);
      }
    }
    for (let query = 0; query < 30; query += 1) {
      const x = random() * 10_000;
      const y = random() * 8_000;
      const box = { minX: x, minY: y, maxX: x + 700, maxY: y + 400 };
      expect(ids(tree.search(box))).toEqual(ids([...live.values()].filter((item) => intersects(item, box))));
    }
    expect(tree.all()).toHaveLength(live.size);
  });

  it('packs one box, and boxes that are all the same point', () => {
    const one = packRTree([{ id: 0, minX: 1, minY: 2, maxX: 3, maxY: 4 }]);
    expect(one).toMatchObject({ height: 1, leaf: true, minX: 1, minY: 2, maxX: 3, maxY: 4 });
    const same = Array.from({ length: 40 }, (_, id) => ({ id, minX: 5, minY: 5, maxX: 5, maxY: 5 }));
    expect(new RBush<Item>().fromJSON(packRTree(same)).search({ minX: 5, minY: 5, maxX: 5, maxY: 5 })).toHaveLength(40);
  });

  it('orders cells along the Hilbert curve: neighbours on it are neighbours on the grid', () => {
    const cells = [];
    for (let x = 0; x < 16; x += 1) for (let y = 0; y < 16; y += 1) cells.push({ x: x << 12, y: y << 12, h: hilbert(x << 12, y << 12) });
    cells.sort((a, b) => a.h - b.h);
    expect(new Set(cells.map((cell) => cell.h)).size).toBe(256);
    for (let i = 1; i < cells.length; i += 1) expect(Math.abs(cells[i]!.x - cells[i - 1]!.x) + Math.abs(cells[i]!.y - cells[i - 1]!.y)).toBe(1 << 12);
  });
});
