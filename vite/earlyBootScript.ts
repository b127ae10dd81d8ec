/**
 * Puts the early boot script (src/early/earlyBoot.ts) in index.html before the app's entry, as
 * an entry of its own: a module script in index.html would be bundled into the app's entry and
 * wait for its evaluation, which is what it exists to run before. Module scripts run in document
 * order, so it runs first; it loads nothing heavy statically (entryStaysLean checks it too).
 */
import type { Plugin } from 'vite';

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
      handler(_html, context) {
        const built = context.bundle && Object.values(context.bundle).find((output) => output.type === 'chunk' && output.isEntry && output.facadeModuleId === sourcePath);
        if (context.bundle && !built) throw new Error(`mejirushi:early-boot-script: no entry chunk for ${sourcePath}`);
        const src = built ? `${base}${built.fileName}` : devUrl;
        return [{ tag: 'script', attrs: { type: 'module', crossorigin: true, src }, injectTo: 'head-prepend' }];
      },
    },
  };
}
