import { fixtureDocument } from '../__fixtures__/fixtures';
import { validateExerciseSpec, unwrapSpecResult, type SpecError } from './index';

function withSysctls(sysctls: unknown) {
  const document = fixtureDocument('half-close-echo');
  document.hosts.learner[0].sysctls = sysctls;
  return validateExerciseSpec(document);
}

const messages = (result: ReturnType<typeof validateExerciseSpec>) =>
  result.ok ? [] : result.errors.map(({ path, message }: SpecError) => ({ path, message }));

describe('learner host sysctls', () => {
  it('default to none', () => {
    const spec = unwrapSpecResult(validateExerciseSpec(fixtureDocument('half-close-echo')));
    expect(spec.hosts.learner[0].sysctls).toEqual({});
  });

  it('accept per-namespace TCP settings within their range', () => {
    const spec = unwrapSpecResult(withSysctls({ 'net.ipv4.tcp_syncookies': 0, 'net.core.somaxconn': 4096 }));
    expect(spec.hosts.learner[0].sysctls).toEqual({
      'net.ipv4.tcp_syncookies': 0,
      'net.core.somaxconn': 4096,
    });
  });

  it('reject a setting outside the list, suggesting the nearest one', () => {
    expect(messages(withSysctls({ 'net.ipv4.tcp_syncookie': 0 }))).toEqual([
      {
        path: 'hosts.learner[0].sysctls["net.ipv4.tcp_syncookie"]',
        message: expect.stringContaining('did you mean net.ipv4.tcp_syncookies?'),
      },
    ]);
  });

  it('reject a value outside the setting’s range', () => {
    expect(messages(withSysctls({ 'net.ipv4.tcp_syncookies': 3 }))).toEqual([
      {
        path: 'hosts.learner[0].sysctls["net.ipv4.tcp_syncookies"]',
        message: 'net.ipv4.tcp_syncookies takes 0…2, not 3',
      },
    ]);
  });
});
