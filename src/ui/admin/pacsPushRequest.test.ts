import { describe, expect, it } from 'vitest';
import { EMPTY_PACS_PUSH_FORM, pacsPushRequest, type PacsPushForm } from './pacsPushRequest';

const form = (change: Partial<PacsPushForm>): PacsPushForm => ({ ...EMPTY_PACS_PUSH_FORM, baseUrl: ' http://pacs:8042/dicom-web ', ...change });

describe('PACS push request', () => {
  it('sends the objects ticked and whose document, with a password only beside a user', () => {
    expect(pacsPushRequest(form({}))).toEqual({ request: { baseUrl: 'http://pacs:8042/dicom-web', objects: ['seg', 'sr'], reader: 'consensus' } });
    expect(pacsPushRequest(form({ sr: false, username: ' pusher ', password: ' s3 ', reader: 'u-1' }))).toEqual({
      request: { baseUrl: 'http://pacs:8042/dicom-web', username: 'pusher', password: ' s3 ', objects: ['seg'], reader: 'u-1' },
    });
    expect(pacsPushRequest(form({ password: 'alone' }))).toEqual({ request: { baseUrl: 'http://pacs:8042/dicom-web', objects: ['seg', 'sr'], reader: 'consensus' } });
  });

  it('asks for the URL and for at least one object', () => {
    expect(pacsPushRequest(form({ baseUrl: '  ' }))).toEqual({ problem: 'pacsPull.problem.baseUrl' });
    expect(pacsPushRequest(form({ seg: false, sr: false }))).toEqual({ problem: 'pacsPush.problem.objects' });
  });
});
