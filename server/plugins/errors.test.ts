import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors';
import { errorsPlugin } from './errors';

/** The PostgreSQL driver's error for an out-of-range integer, as `pg` raises it. */
const pgError = (code: string) => Object.assign(new Error('value "2147483648" is out of range for type integer'), { code, severity: 'ERROR' });

async function appThrowing(error: Error) {
  const app = Fastify();
  await app.register(errorsPlugin);
  app.get('/throw', async () => {
    throw error;
  });
  app.post('/typed', { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer', maximum: 9 } } } } }, async () => 'ok');
  return app;
}

describe('errors plugin', () => {
  it('answers data exceptions of the database (SQLSTATE 22003 and kin) with 400, not 500', async () => {
    for (const code of ['22003', '22001', '22021']) {
      const app = await appThrowing(pgError(code));
      const response = await app.inject({ method: 'GET', url: '/throw' });
      expect(response.statusCode, code).toBe(400);
      expect(response.json()).toMatchObject({ error: 'value_out_of_range' });
    }
  });

  it('keeps other database errors a 500 that tells the client nothing', async () => {
    const app = await appThrowing(pgError('23505'));
    const response = await app.inject({ method: 'GET', url: '/throw' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'internal', message: 'internal server error' });
  });

  it('gives thrown errors and validation errors a stable code, and validation errors the refused field', async () => {
    const app = await appThrowing(new HttpError(409, 'item_locked', 'the item is submitted'));
    expect((await app.inject({ method: 'GET', url: '/throw' })).json()).toEqual({ error: 'item_locked', message: 'the item is submitted' });
    const big = await app.inject({ method: 'POST', url: '/typed', payload: { n: 10 } });
    expect(big.statusCode).toBe(400);
    expect(big.json()).toEqual({ error: 'invalid_input', message: 'body/n must be <= 9', field: 'body/n' });
    const missing = await app.inject({ method: 'POST', url: '/typed', payload: {} });
    expect(missing.json()).toMatchObject({ error: 'invalid_input', field: 'body/n' });
  });
});
