import { describe, expect, it } from 'vitest';
import { deidentifyDicom } from '../../src/core/deid/deidentify';
import { importDeidKey } from '../../src/core/deid/keyedHash';
import { BASIC_PROFILE_ONLY } from '../../src/core/deid/policy';
import { RedactionRefused } from '../../src/core/deid/redactBurnedIn';
import { phiCtSlice } from '../../src/core/deid/testing/phiDicom';
import { pixelDicom } from '../../src/core/deid/testing/pixelDicom';
import { cliPixelStep, parseConfirmedBoxes } from './redactBoxes';

const ultrasound = () => pixelDicom({ rows: 4, columns: 4, modality: 'US', pixels: new Uint8Array(16).fill(99) });

describe('the CLI’s burned-in text step', () => {
  it('refuses a file that may carry burned-in text without confirmed boxes, naming why and what to do', async () => {
    const key = importDeidKey(new Uint8Array(32).fill(5));
    const step = cliPixelStep(BASIC_PROFILE_ONLY, new Map(), 'us/1.dcm');
    await expect(deidentifyDicom(ultrasound(), BASIC_PROFILE_ONLY, key, step)).rejects.toThrow(RedactionRefused);
    await expect(deidentifyDicom(ultrasound(), BASIC_PROFILE_ONLY, key, step)).rejects.toThrow(/ultrasound.*--redact-boxes/);
    const off = { ...BASIC_PROFILE_ONLY, burnedInCheck: 'off' } as const;
    expect((await deidentifyDicom(ultrasound(), off, key, cliPixelStep(off, new Map(), 'us/1.dcm'))).report.burnedIn).toBeUndefined();
    expect((await deidentifyDicom(phiCtSlice(0), BASIC_PROFILE_ONLY, key, step)).report.burnedIn).toBeUndefined();
  });

  it('blacks out the boxes of the confirmation file, and takes [] as checked and clean', async () => {
    const key = importDeidKey(new Uint8Array(32).fill(5));
    const confirmed = parseConfirmedBoxes('{ "us/1.dcm": [{ "x": 0, "y": 0, "width": 2, "height": 1 }], "us/2.dcm": [] }');
    const one = await deidentifyDicom(ultrasound(), BASIC_PROFILE_ONLY, key, cliPixelStep(BASIC_PROFILE_ONLY, confirmed, 'us/1.dcm'));
    expect(one.report.burnedIn).toEqual({ reason: 'ultrasound', status: 'redacted', boxes: [{ x: 0, y: 0, width: 2, height: 1 }], frames: 1 });
    const two = await deidentifyDicom(ultrasound(), BASIC_PROFILE_ONLY, key, cliPixelStep(BASIC_PROFILE_ONLY, confirmed, 'us/2.dcm'));
    expect(two.report.burnedIn?.status).toBe('noneFound');
    expect(() => parseConfirmedBoxes('{ "a.dcm": [{ "x": 1.5, "y": 0, "width": 2, "height": 1 }] }')).toThrow(/a\.dcm/);
    expect(() => parseConfirmedBoxes('[]')).toThrow(/JSON object/);
  });
});
