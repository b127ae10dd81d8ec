import type { MessageTable } from '../types';
import { appMessages } from './app';
import { slideAnnotationMessages } from './slideAnnotation';
import { toolMessages } from './tools';
import { viewerMessages } from './viewer';

/** Every feature's table; listed separately so a test can catch one key defined twice. */
export const messageTables = { appMessages, viewerMessages, toolMessages, slideAnnotationMessages } as const satisfies Record<
  string,
  MessageTable
>;

export const messages = { ...appMessages, ...viewerMessages, ...toolMessages, ...slideAnnotationMessages } as const satisfies MessageTable;

export type MessageKey = keyof typeof messages;
