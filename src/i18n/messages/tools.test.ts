import { describe, expect, it } from 'vitest';
import { TOOLS } from '../../core/tools';
import { messages } from './index';

describe('tool messages', () => {
  it('name every tool of the registry and give it a hint, in English and Japanese', () => {
    for (const tool of TOOLS) {
      expect(messages).toHaveProperty([tool.messageKey]);
      expect(messages).toHaveProperty([`${tool.messageKey}.hint`]);
    }
  });
});
