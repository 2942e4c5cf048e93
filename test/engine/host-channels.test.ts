// The host channels where the engine answers them itself (browser mode, the command line): no
// dialogs, said plainly, so the page falls back to typed paths and uploads.
import { describe, expect, it } from 'vitest';
import { ACCESS } from '../../shared/api/contract';
import { Engine } from '../../electron/engine/engine';

describe('host channels in the engine', () => {
  it('report no dialogs and refuse to pick files', async () => {
    const engine = new Engine({ stateDir: null });
    expect(await engine.invoke('host:capabilities', {})).toEqual({ ok: true, value: { dialogs: false } });
    expect(await engine.invoke('host:pickOpen', { multiple: true })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'file dialogs are not available here: type the path instead' },
    });
    expect(await engine.invoke('host:pickSave', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await engine.invoke('host:pickOpen', { filters: [{ name: 'x', extensions: ['../etc'] }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect([ACCESS['host:capabilities'], ACCESS['host:pickOpen'], ACCESS['host:pickSave']]).toEqual(['open', 'open', 'open']);
  });
});
