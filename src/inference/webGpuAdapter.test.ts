import { describe, expect, it } from 'vitest';
import { adapterKind, webGpuOffer } from './webGpuAdapter';

describe('webGpuOffer', () => {
  it('tells a software adapter from hardware, by its fallback flag or its name', async () => {
    expect(adapterKind({ info: { isFallbackAdapter: true } })).toBe('software');
    expect(adapterKind({ isFallbackAdapter: true })).toBe('software');
    expect(adapterKind({ info: { vendor: 'google', architecture: 'swiftshader' } })).toBe('software');
    expect(adapterKind({ info: { vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' } })).toBe('software');
    expect(adapterKind({ info: { vendor: 'nvidia', architecture: 'hopper' } })).toBe('hardware');
    expect(adapterKind({})).toBe('hardware');
  });

  it('is none without WebGPU or without an adapter', async () => {
    expect(await webGpuOffer(undefined)).toBe('none');
    expect(await webGpuOffer({ requestAdapter: async () => null })).toBe('none');
    expect(await webGpuOffer({ requestAdapter: () => Promise.reject(new Error('blocked')) })).toBe('none');
    expect(await webGpuOffer({ requestAdapter: async () => ({ info: { architecture: 'swiftshader' } }) })).toBe('software');
  });
});
