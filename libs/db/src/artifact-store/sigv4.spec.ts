import { signV4, sha256Hex } from './sigv4';

/** Vectors published by AWS: the SigV4 test suite and the S3 "GET Object" signing example. */
describe('signV4', () => {
  const suiteCredentials = {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  };
  const suiteScope = { region: 'us-east-1', service: 'service', now: new Date('2015-08-30T12:36:00Z') };
  const emptyHash = sha256Hex('');

  it('matches aws-sig-v4-test-suite get-vanilla', () => {
    const headers = signV4(
      { method: 'GET', host: 'example.amazonaws.com', path: '/', payloadHash: emptyHash },
      suiteCredentials,
      suiteScope,
    );
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
    expect(headers['authorization']).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, ' +
        'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('matches aws-sig-v4-test-suite get-vanilla-query-order-key-case (query sorted by key)', () => {
    const headers = signV4(
      {
        method: 'GET',
        host: 'example.amazonaws.com',
        path: '/',
        query: { Param2: 'value2', Param1: 'value1' },
        payloadHash: emptyHash,
      },
      suiteCredentials,
      suiteScope,
    );
    expect(headers['authorization']).toMatch(
      /Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500$/,
    );
  });

  it('matches the S3 GetObject example with a Range header', () => {
    const headers = signV4(
      {
        method: 'GET',
        host: 'examplebucket.s3.amazonaws.com',
        path: '/test.txt',
        headers: { Range: 'bytes=0-9', 'x-amz-content-sha256': emptyHash },
        payloadHash: emptyHash,
      },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      { region: 'us-east-1', service: 's3', now: new Date('2013-05-24T00:00:00Z') },
    );
    expect(headers['authorization']).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['host']).toBeUndefined();
  });
});
