/** The CLI's checkpoint store: the current checkpoint is the folder itself, in the layout the studio exports. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderCheckpointStore } from './checkpoint-folder';
import { CURRENT } from './session';

const files = { modelJson: '{"format":"layers-model"}', weights: new Uint8Array([1, 2, 3, 4]) };

describe('FolderCheckpointStore', () => {
  it('saves the current checkpoint as DIR/model.json and DIR/weights.bin, other keys in folders inside', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'crystens-folder-store-')), 'run');
    const store = new FolderCheckpointStore(dir);
    expect(await store.load(CURRENT)).toBeUndefined();
    await store.save(CURRENT, files);
    await store.save('step-50', files);
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'step-50', 'weights.bin']);
    expect(readFileSync(join(dir, 'model.json'), 'utf8')).toBe(files.modelJson);
    expect([...readFileSync(join(dir, 'step-50', 'weights.bin'))]).toEqual([1, 2, 3, 4]);
    expect(await new FolderCheckpointStore(dir).load(CURRENT)).toEqual(files);
  });

  it("removes a checkpoint's two files and nothing else a user keeps beside them", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystens-folder-store-'));
    const store = new FolderCheckpointStore(dir);
    await store.save(CURRENT, files);
    writeFileSync(join(dir, 'release.json'), '{}');
    await store.remove(CURRENT);
    expect(readdirSync(dir)).toEqual(['release.json']);
    expect(await store.load(CURRENT)).toBeUndefined();
  });

  it('refuses a model.json whose weights.bin is missing, naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystens-folder-store-'));
    writeFileSync(join(dir, 'model.json'), files.modelJson);
    await expect(new FolderCheckpointStore(dir).load(CURRENT)).rejects.toThrow('weights.bin is missing beside model.json');
    expect(existsSync(join(dir, 'weights.bin'))).toBe(false);
  });
});
