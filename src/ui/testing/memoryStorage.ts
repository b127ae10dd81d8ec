/** The Storage methods the app uses, over a Map: a test seam (the app passes localStorage, which Node lacks). */
export function memoryStorage(entries: Readonly<Record<string, string>> = {}) {
  const values = new Map<string, string>(Object.entries(entries));
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}
