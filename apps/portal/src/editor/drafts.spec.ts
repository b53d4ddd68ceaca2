import { MemoryStorage } from '../testing/memory-storage';
import { clearDraft, readDraft, writeDraft } from './drafts';

const key = { userId: 'u1', exerciseId: 'e1', language: 'c' };

describe('drafts', () => {
  it('keeps each user’s code per exercise and language', () => {
    const storage = new MemoryStorage();
    writeDraft(storage, key, [{ name: 'main.c', content: 'int main(){}' }]);
    expect(readDraft(storage, key)).toEqual([{ name: 'main.c', content: 'int main(){}' }]);
    expect(readDraft(storage, { ...key, userId: 'u2' })).toBeNull();
    expect(readDraft(storage, { ...key, language: 'python' })).toBeNull();
    clearDraft(storage, key);
    expect(readDraft(storage, key)).toBeNull();
  });

  it('ignores stored values that are not drafts', () => {
    const storage = new MemoryStorage();
    storage.setItem('socklab.draft.u1.e1.c', '[{"name":"main.c"}]');
    expect(readDraft(storage, key)).toBeNull();
    storage.setItem('socklab.draft.u1.e1.c', '{');
    expect(readDraft(storage, key)).toBeNull();
  });
});
