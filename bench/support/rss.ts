/**
 * Resident memory of a process and its descendants, from /proc (Linux). The server runs under
 * tsx, whose launcher process starts the real Node process as its child: the tree covers both.
 */
import { readdirSync, readFileSync } from 'node:fs';

function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}

export function processTreeRssBytes(pid: number): number {
  try {
    return rssBytes(pid) + childrenOf(pid).reduce((total, child) => total + processTreeRssBytes(child), 0);
  } catch {
    return 0; // the process ended between two reads
  }
}
