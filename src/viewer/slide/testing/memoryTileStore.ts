import type { TileStore } from '../offlineTiles';

/** An in-memory Cache API stand-in for OfflineTiles in tests; `urls()` lists what it holds, oldest first. */
export function memoryTileStore(): TileStore & { urls(): string[] } {
  const entries = new Map<string, Blob>();
  return {
    urls: () => [...entries.keys()],
    keys: async () => [...entries.keys()].map((url) => ({ url })),
    match: async (url) => (entries.has(url) ? new Response(entries.get(url)) : undefined),
    put: async (url, response) => void entries.set(url, await response.blob()),
    delete: async (url) => entries.delete(url),
  };
}
