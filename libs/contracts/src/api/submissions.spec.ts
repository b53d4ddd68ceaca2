import { CreateSubmissionRequestSchema, SUBMISSION_LIMITS } from './submissions';

const issues = (input: unknown) => {
  const result = CreateSubmissionRequestSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('CreateSubmissionRequest', () => {
  it('accepts a small multi-file C submission', () => {
    const body = { language: 'c', files: [{ name: 'server.c', content: 'int main(){}' }, { name: 'Makefile', content: 'all:' }] };
    expect(CreateSubmissionRequestSchema.parse(body)).toEqual(body);
  });

  it('rejects an unknown language and an empty file list', () => {
    expect(issues({ language: 'rust', files: [] }).map((i) => i.path).sort()).toEqual(['files', 'language']);
  });

  it.each(['../etc/passwd', 'src/main.c', '.hidden', '', 'a b.c'])('rejects the file name %j', (name) => {
    expect(issues({ language: 'python', files: [{ name, content: '' }] }).map((i) => i.path)).toEqual(['files.0.name']);
  });

  it('rejects duplicate file names at the second occurrence', () => {
    const files = [{ name: 'a.py', content: '' }, { name: 'a.py', content: '' }];
    expect(issues({ language: 'python', files })).toEqual([{ path: 'files.1.name', message: 'duplicate file name "a.py"' }]);
  });

  it('counts UTF-8 bytes, not characters, against the per-file limit', () => {
    const fits = 'x'.repeat(SUBMISSION_LIMITS.maxFileBytes);
    const tooBig = '€'.repeat(Math.ceil(SUBMISSION_LIMITS.maxFileBytes / 3) + 1);
    expect(issues({ language: 'java', files: [{ name: 'Main.java', content: fits }] })).toEqual([]);
    expect(issues({ language: 'java', files: [{ name: 'Main.java', content: tooBig }] }).map((i) => i.path)).toEqual(['files.0.content']);
  });

  it('caps the total size and the number of files', () => {
    const big = 'x'.repeat(SUBMISSION_LIMITS.maxFileBytes);
    const count = SUBMISSION_LIMITS.maxTotalBytes / SUBMISSION_LIMITS.maxFileBytes + 1;
    const files = Array.from({ length: count }, (_, i) => ({ name: `f${i}.c`, content: big }));
    expect(issues({ language: 'c', files }).map((i) => i.path)).toEqual(['files']);
    const many = Array.from({ length: SUBMISSION_LIMITS.maxFiles + 1 }, (_, i) => ({ name: `f${i}.c`, content: '' }));
    expect(issues({ language: 'c', files: many }).map((i) => i.path)).toEqual(['files']);
  });
});
