/**
 * Puts the early boot script (src/early/earlyBoot.ts) in index.html before the app's entry, as
 * an entry of its own: a module script in index.html would be bundled into the app's entry and
 * wait for its evaluation, which is what it exists to run before. Module scripts run in document
 * order, so it runs first; it loads nothing heavy statically (entryStaysLean checks it too). The
 * app's own entry is held back (appEntryHeld.ts): the early script starts it (src/early/appStart.ts).
 */
import type { OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';
import { appEntryHeld } from './appEntryHeld';

export const EARLY_BOOT_ENTRY = 'early';

export function earlyBootScript(sourcePath: string, devUrl: string): Plugin {
  let base = '/';
  return {
    name: 'mejirushi:early-boot-script',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const built = context.bundle && Object.values(context.bundle).find((output): output is OutputChunk => output.type === 'chunk' && output.isEntry && output.facadeModuleId === sourcePath);
        if (context.bundle && !built) throw new Error(`mejirushi:early-boot-script: no entry chunk for ${sourcePath}`);
        const src = built ? `${base}${built.fileName}` : devUrl;
        // Its own imports preloaded as the app's were, so it does not wait to parse itself to ask for them.
        const imports = built ? built.imports.map((file) => `${base}${file}`) : [];
        return { html: appEntryHeld(html, imports), tags: [{ tag: 'script', attrs: { type: 'module', crossorigin: true, src }, injectTo: 'head-prepend' }] };
      },
    },
  };
}
