import { describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG } from '../../shared/config';
import { EngineSession, TorchSourceMissingError } from '../../engine/run/session';
import { CONFIG_LINE } from '../../engine/export/torch-script';
import { readTorchSource } from './torch-source';

describe('the PyTorch export from a Node host', () => {
  it('python/ltd_torch.py carries the one CONFIG line the export fills in', async () => {
    const source = await readTorchSource();
    expect(source.startsWith('#!/usr/bin/env python3\n')).toBe(true);
    expect(source.split('\n').filter((line) => line === CONFIG_LINE)).toHaveLength(1);
  });

  it('a session given the file exports it with the settings written in, and nothing else changed', async () => {
    const session = new EngineSession({ torchSource: readTorchSource });
    const config: Config = { ...DEFAULT_CONFIG, method: 'trades', lambda: 4, seed: 9 };
    const { name, text } = await session.torchScript(config);
    expect(name).toBe('ltd-blobs-mlp-trades-lambda4-eps0.05-seed9.py');
    const match = /^CONFIG = json\.loads\(r"""([\s\S]*?)"""\)$/m.exec(text);
    expect(JSON.parse(match![1])).toEqual(config);
    expect(text.replace(match![0], CONFIG_LINE)).toBe(await readTorchSource());
    session.dispose();
  });

  it('a session without the file refuses to export, saying the host must supply it', async () => {
    const session = new EngineSession();
    await expect(session.torchScript(DEFAULT_CONFIG)).rejects.toThrow(TorchSourceMissingError);
    await expect(session.torchScript(DEFAULT_CONFIG)).rejects.toThrow(/given no torchSource.*its host must supply it/);
    session.dispose();
  });
});
