import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parsePcapng, PcapngWriter } from '@socklab/capture';
import { ApiTokenRepo, ArtifactRepo, FilesystemArtifactStore, type ArtifactKind } from '@socklab/db';
import request from 'supertest';
import { echoTrace, ECHO_CONNECTION, REFUSED_CONNECTION } from './support/trace-fixture';
import { bearer, createWorld, startTestApi, submitRun, type TestApi, type World } from './support/test-api';

const FRAMES = 40;
const report = {
  score: 5,
  maxScore: 10,
  gradable: true,
  scenarios: [
    {
      id: 'normal',
      checks: [
        {
          id: 'open',
          title: 'Opens',
          status: 'pass',
          points: 5,
          maxPoints: 5,
          visibility: 'visible',
          message: 'ok',
        },
        {
          id: 'secret',
          title: 'SECRET TITLE',
          status: 'fail',
          points: 0,
          maxPoints: 5,
          visibility: 'hidden',
          message: 'SECRET MESSAGE',
        },
      ],
    },
  ],
};

/** Collects a response body as bytes, whatever its content type. */
function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

async function pcapng(dir: string, name: string): Promise<Buffer> {
  const file = path.join(dir, name);
  const writer = await PcapngWriter.open(file);
  const port = writer.addInterface({ name: 'sw0-p1' });
  for (let i = 0; i < FRAMES; i++) {
    const frame = Buffer.alloc(60 + i, i);
    writer.writePacket({
      interfaceId: port,
      timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 1000n,
      data: frame,
    });
  }
  await writer.close();
  return readFileSync(file);
}

describe('run artifacts', () => {
  let api: TestApi;
  let world: World;
  let other: World;
  let artifactDir: string;
  let runId: string;
  let bareRunId: string;
  let classmateRunId: string;
  let capture: Buffer;

  const get = (url: string, token: string) =>
    request(api.http)
      .get(`/api/v1/runs/${url}`)
      .set(...bearer(token));
  const download = (url: string, token: string) => get(url, token).buffer(true).parse(binary);

  beforeAll(async () => {
    artifactDir = mkdtempSync(path.join(tmpdir(), 'socklab-artifacts-'));
    api = await startTestApi({ SOCKLAB_ARTIFACT_DIR: artifactDir });
    world = await createWorld(api, 'alpha');
    other = await createWorld(api, 'beta');
    runId = await submitRun(api, world.learner.token, world.builtinExerciseId);
    bareRunId = await submitRun(api, world.learner.token, world.builtinExerciseId);
    classmateRunId = await submitRun(api, world.otherLearner.token, world.builtinExerciseId);

    const store = new FilesystemArtifactStore(artifactDir);
    const repo = new ArtifactRepo(api.prisma);
    const scope = { tenantId: world.tenant.id };
    const put = async (run: string, name: string, kind: ArtifactKind, bytes: Buffer) => {
      const storageKey = `tenants/${scope.tenantId}/runs/${run}/1/${name}`;
      const stored = await store.put(storageKey, bytes);
      await repo.create(scope, run, {
        kind,
        name,
        sizeBytes: stored.size,
        sha256: stored.sha256,
        storageKey,
      });
    };
    capture = await pcapng(artifactDir, 'normal.pcapng');
    await put(runId, 'capture-normal.pcapng', 'capture', capture);
    await put(runId, 'capture-peer-resets.pcapng', 'capture', await pcapng(artifactDir, 'resets.pcapng'));
    const trace = { scenarios: { normal: echoTrace(), 'peer-resets': echoTrace() } };
    await put(runId, 'trace.json', 'trace', Buffer.from(JSON.stringify(trace)));
    await put(runId, 'report.json', 'report', Buffer.from(JSON.stringify(report)));
    await put(runId, 'build.log', 'log', Buffer.from('gcc -o server server.c\n'));
    await put(runId, 'program-peer-resets-client-1.log', 'log', Buffer.from('connected\n'));
    await put(classmateRunId, 'build.log', 'log', Buffer.from('CLASSMATE BUILD\n'));
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    rmSync(artifactDir, { recursive: true, force: true });
  });

  it('lists the stored artifacts with their scenarios, and the views', async () => {
    const res = await get(`${runId}/artifacts`, world.learner.token).expect(200);
    expect(res.body.scenarios).toEqual(['normal', 'peer-resets']);
    const byName = Object.fromEntries(
      res.body.artifacts.map((a: { name: string; scenario: string | null; sizeBytes: number }) => [
        a.name,
        a,
      ]),
    );
    expect(byName['capture-normal.pcapng']).toMatchObject({
      kind: 'capture',
      scenario: 'normal',
      sizeBytes: capture.length,
      contentType: 'application/x-pcapng',
    });
    expect(byName['program-peer-resets-client-1.log'].scenario).toBe('peer-resets');
    expect(byName['trace.json'].scenario).toBeNull();
    expect(JSON.stringify(res.body)).not.toMatch(/tenants\//);
    expect(res.body.views.map((v: { name: string }) => v.name)).toEqual([
      'capture.pcapng',
      'conn.log',
      'sequence.mmd',
    ]);
  });

  describe('capture downloads', () => {
    it('streams the whole pcapng with an ETag, and it parses back to every frame', async () => {
      const res = await download(`${runId}/artifacts/capture-normal.pcapng`, world.learner.token).expect(200);
      expect(res.headers['content-type']).toBe('application/x-pcapng');
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(res.headers['content-disposition']).toBe('attachment; filename="capture-normal.pcapng"');
      expect(Buffer.compare(res.body, capture)).toBe(0);
      expect(parsePcapng(new Uint8Array(res.body)).packets).toHaveLength(FRAMES);
    });

    it('serves byte ranges as 206 that reassemble into the file, and 416 past the end', async () => {
      const url = `${runId}/artifacts/capture-normal.pcapng`;
      const size = capture.length;
      const first = await download(url, world.learner.token).set('Range', 'bytes=0-99').expect(206);
      expect(first.headers['content-range']).toBe(`bytes 0-99/${size}`);
      expect(first.headers['content-length']).toBe('100');
      const middle = await download(url, world.learner.token)
        .set('Range', `bytes=100-${size - 51}`)
        .expect(206);
      const tail = await download(url, world.learner.token).set('Range', 'bytes=-50').expect(206);
      expect(tail.headers['content-range']).toBe(`bytes ${size - 50}-${size - 1}/${size}`);
      expect(Buffer.compare(Buffer.concat([first.body, middle.body, tail.body]), capture)).toBe(0);

      const past = await get(url, world.learner.token).set('Range', `bytes=${size}-`).expect(416);
      expect(past.headers['content-range']).toBe(`bytes */${size}`);
      expect(past.body.error.code).toBe('artifact/range-not-satisfiable');
    });

    it('answers If-None-Match with 304 and ignores a Range whose If-Range is stale', async () => {
      const url = `${runId}/artifacts/capture-normal.pcapng`;
      const etag = (await download(url, world.learner.token).expect(200)).headers['etag'];
      await get(url, world.learner.token).set('If-None-Match', etag).expect(304);
      const stale = await download(url, world.learner.token)
        .set('Range', 'bytes=0-9')
        .set('If-Range', '"something-else"')
        .expect(200);
      expect(stale.body).toHaveLength(capture.length);
      await download(url, world.learner.token).set('Range', 'bytes=0-9').set('If-Range', etag).expect(206);
    });

    it('selects a scenario’s capture with capture.pcapng?scenario=, and asks which when there are several', async () => {
      const chosen = await download(
        `${runId}/artifacts/capture.pcapng?scenario=normal`,
        world.learner.token,
      ).expect(200);
      expect(Buffer.compare(chosen.body, capture)).toBe(0);
      const ambiguous = await get(`${runId}/artifacts/capture.pcapng`, world.learner.token).expect(422);
      expect(ambiguous.body.error).toMatchObject({
        code: 'artifact/scenario-required',
        details: { scenarios: ['normal', 'peer-resets'] },
      });
      const unknown = await get(
        `${runId}/artifacts/capture.pcapng?scenario=nope`,
        world.learner.token,
      ).expect(404);
      expect(unknown.body.error.code).toBe('artifact/scenario-not-found');
    });
  });

  describe('derived views', () => {
    it('computes a Zeek conn.log for a scenario', async () => {
      const res = await get(`${runId}/artifacts/conn.log?scenario=normal`, world.learner.token).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/tab-separated-values/);
      const records = res.text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
      expect(records.map((r) => r.split('\t').slice(1, 2).concat(r.split('\t')[11]))).toEqual([
        [ECHO_CONNECTION, 'SF'],
        [REFUSED_CONNECTION, 'REJ'],
      ]);
    });

    it('draws a Mermaid diagram of the connection named by a conn.log uid', async () => {
      const res = await get(
        `${runId}/artifacts/sequence.mmd?scenario=normal&connection=${encodeURIComponent(ECHO_CONNECTION)}`,
        world.learner.token,
      ).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/vnd\.mermaid/);
      expect(res.text).toMatch(/^sequenceDiagram\n/);
      expect(res.text).toContain('O-xR: PSH,ACK seq=1 ack=1 win=64240 len=5 (dropped)');
      const which = await get(`${runId}/artifacts/sequence.mmd?scenario=normal`, world.learner.token).expect(
        422,
      );
      expect(which.body.error).toMatchObject({
        code: 'artifact/connection-required',
        details: { connections: [ECHO_CONNECTION, REFUSED_CONNECTION] },
      });
    });

    it('says so when the run has no trace yet', async () => {
      const res = await get(`${bareRunId}/artifacts/conn.log`, world.learner.token).expect(404);
      expect(res.body.error.code).toBe('artifact/not-found');
      expect((await get(`${bareRunId}/artifacts`, world.learner.token).expect(200)).body).toEqual({
        runId: bareRunId,
        scenarios: [],
        artifacts: [],
        views: [],
      });
    });
  });

  it('gives learners report.json with hidden checks concealed, staff the stored file', async () => {
    const learner = await get(`${runId}/artifacts/report.json`, world.learner.token).expect(200);
    expect(learner.text).not.toMatch(/SECRET/);
    expect(JSON.parse(learner.text).scenarios[0].checks[1]).toMatchObject({
      id: 'secret',
      title: 'Hidden check',
    });
    const staff = await get(`${runId}/artifacts/report.json`, world.instructor.token).expect(200);
    expect(staff.body).toEqual(report);
  });

  describe('access', () => {
    const names = [
      '',
      '/capture-normal.pcapng',
      '/capture.pcapng?scenario=normal',
      '/trace.json',
      '/conn.log?scenario=normal',
      '/build.log',
    ];

    it('answers 404 run/not-found to another tenant, with no data, whatever the credential', async () => {
      for (const token of [other.owner.token, other.ownerApiToken, other.learner.token]) {
        for (const name of names) {
          const res = await get(`${runId}/artifacts${name}`, token).expect(404);
          expect(res.body.error.code).toBe('run/not-found');
          expect(JSON.stringify(res.body)).not.toMatch(/normal|pcapng|SF|10\.0\.0/);
        }
      }
    });

    it('answers 404 to another learner of the tenant, and serves staff', async () => {
      for (const name of names)
        expect(
          (await get(`${runId}/artifacts${name}`, world.otherLearner.token).expect(404)).body.error.code,
        ).toBe('run/not-found');
      const theirs = await get(`${classmateRunId}/artifacts/build.log`, world.learner.token).expect(404);
      expect(theirs.text).not.toMatch(/CLASSMATE/);
      await get(`${runId}/artifacts/build.log`, world.instructor.token).expect(
        200,
        'gcc -o server server.c\n',
      );
    });

    it('needs traces:read on an API token', async () => {
      const tokens = new ApiTokenRepo(api.prisma);
      const scope = { tenantId: world.tenant.id };
      const runsOnly = await tokens.create(scope, {
        userId: world.learner.userId,
        name: 'r',
        scopes: ['runs:read'],
      });
      const traces = await tokens.create(scope, {
        userId: world.learner.userId,
        name: 't',
        scopes: ['traces:read'],
      });
      const refused = await get(`${runId}/artifacts/trace.json`, runsOnly.token).expect(403);
      expect(refused.body.error.code).toBe('auth/insufficient-scope');
      const trace = await get(`${runId}/artifacts/trace.json`, traces.token).expect(200);
      expect(Object.keys(trace.body.scenarios)).toEqual(['normal', 'peer-resets']);
    });

    it('answers 404 artifact/not-found for a name the run does not have', async () => {
      const res = await get(`${runId}/artifacts/secrets.txt`, world.learner.token).expect(404);
      expect(res.body.error.code).toBe('artifact/not-found');
    });
  });
});
