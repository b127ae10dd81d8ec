import type { MessageTable } from '../types';
import { appMessages } from './app';
import { slideMessages } from './slide';
import { viewerMessages } from './viewer';

/** Every feature's table; listed separately so a test can catch one key defined twice. */
export const messageTables = { appMessages, viewerMessages, slideMessages } as const satisfies Record<
  string,
  MessageTable
>;

export const messages = { ...appMessages, ...viewerMessages, ...slideMessages } as const satisfies MessageTable;

export type MessageKey = keyof typeof messages;
