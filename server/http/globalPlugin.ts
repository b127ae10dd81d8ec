/**
 * Marks a plugin as global: its hooks and decorations apply to the whole app instead of a
 * child context. This is what `fastify-plugin` does, without depending on it.
 */
import type { FastifyPluginAsync } from 'fastify';

export function globalPlugin<Options extends Record<string, unknown>>(plugin: FastifyPluginAsync<Options>): FastifyPluginAsync<Options> {
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return plugin;
}
