/**
 * The staged upload's file requests as they leave the client: a batch goes with its parts' list
 * instead of a file's name and report length, one file with those (the same upload path, outside
 * a browser its fetch fallback).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StagedBatchAnswer } from '../core/api';
import { parseStagedParts, STAGED_PARTS_HEADER, type StagedPart } from '../core/staged/stagedParts';
import { ApiRequestError, createApiClient } from './api';

interface Sent {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Global fetch answering `status` with `answer`, keeping what was sent. */
function serverAnswering(status: number, answer: unknown): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, headers: init.headers as Record<string, string>, body: await (init.body as Blob).text() });
    return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

const client = createApiClient({ baseUrl: 'http://server', getToken: () => 'token-1' });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('stageFiles', () => {
  const parts: StagedPart[] = [
    { index: 4, bytes: 3, reportBytes: null, name: 'スライス 4.dcm' },
    { index: 5, bytes: 5, reportBytes: 2, name: 'a%b.dcm' },
  ];

  it('posts the parts back to back as application/dicom, listed in X-Staged-Parts, and answers the server\'s answers', async () => {
    const answer: StagedBatchAnswer = { answers: [{ index: 4, staged: true, size: 3 }, { index: 5, staged: false, status: 400, error: { error: 'bad_request', message: 'no' } }] };
    const sent = serverAnswering(200, answer);
    expect(await client.stageFiles('up/1', parts, new Blob(['abc', '{}def']))).toEqual(answer);
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request!.url).toBe('http://server/api/staged-uploads/up%2F1/files');
    expect(request!.body).toBe('abc{}def');
    expect(request!.headers).toEqual({ 'content-type': 'application/dicom', [STAGED_PARTS_HEADER]: expect.any(String), authorization: 'Bearer token-1' });
    // What the server reads back is the list sent, names and all.
    expect(parseStagedParts(request!.headers[STAGED_PARTS_HEADER])).toEqual({ parts, totalBytes: 8 });
  });

  it('rejects with the server\'s error when the batch is refused whole', async () => {
    serverAnswering(409, { error: 'staged_upload_committed', message: 'committed' });
    const refused = client.stageFiles('up-1', parts, new Blob(['abc', '{}def']));
    await expect(refused).rejects.toBeInstanceOf(ApiRequestError);
    await expect(refused).rejects.toMatchObject({ status: 409 });
  });
});

describe('stageFile', () => {
  it('still sends one file with its name and its report\'s length', async () => {
    const sent = serverAnswering(200, { index: 2, staged: true, size: 3 });
    await client.stageFile('up-1', 2, 'scan 2.dcm', new Blob(['{}abc']), { reportBytes: '2' });
    expect(sent[0]!.url).toBe('http://server/api/staged-uploads/up-1/files/2');
    expect(sent[0]!.headers).toEqual({ 'content-type': 'application/dicom', 'x-file-name': 'scan%202.dcm', 'x-deid-report-bytes': '2', authorization: 'Bearer token-1' });
  });
});
