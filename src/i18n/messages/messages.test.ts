import { describe, expect, it } from 'vitest';
import { messages, messageTables } from './index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message tables', () => {
  it('have a non-empty English and Japanese text for every key', () => {
    const incomplete = Object.entries(messages).filter(
      ([, text]) => text.en.trim() === '' || text.ja.trim() === '',
    );
    expect(incomplete.map(([key]) => key)).toEqual([]);
    expect(Object.keys(messages).length).toBeGreaterThan(0);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = Object.entries(messages).filter(
      ([, text]) => placeholders(text.en).join() !== placeholders(text.ja).join(),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('never define one key in two feature tables', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const [tableName, table] of Object.entries(messageTables)) {
      for (const key of Object.keys(table)) {
        const first = seen.get(key);
        if (first) duplicates.push(`${key} (${first}, ${tableName})`);
        else seen.set(key, tableName);
      }
    }
    expect(duplicates).toEqual([]);
  });
});
