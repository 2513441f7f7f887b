// End-to-end: the built `hoptac` command on real files, good and bad.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS, ROOT } from './helpers/corpus.js';
import { RecordSchema } from '../schemas/record.js';

const BIN = path.join(ROOT, 'bin/hoptac.js');

function hoptac(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist/pipeline/cli/main.js'))) throw new Error('dist/ is missing: run "npm run build" (npm test does it)');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'hoptac-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('hoptac extract', () => {
  it('writes one validated record per document, and the text with --text', () => {
    const out = path.join(tmp, 'seeds');
    const r = hoptac(['extract', ...['000', '002', '004'].map((s) => path.join(DOCS, `${s}.txt`)), '--out', out, '--text']);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['000.json', '000.txt', '002.json', '002.txt', '004.json', '004.txt']);
    const record = JSON.parse(readFileSync(path.join(out, '002.json'), 'utf8'));
    expect(RecordSchema.safeParse(record).success).toBe(true);
    expect(record.documentNumber.value).toBe('123/KH-SYT');
    expect(readFileSync(path.join(out, '002.txt'), 'utf8')).toBe(record.text);
  });

  it('names a second file with the same stem after its extension', () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    mkdirSync(a);
    mkdirSync(b);
    copyFileSync(path.join(DOCS, '000.txt'), path.join(a, '01.txt'));
    copyFileSync(path.join(DOCS, '002.txt'), path.join(b, '01.txt'));
    const out = path.join(tmp, 'dup');
    expect(hoptac(['extract', a, b, '--out', out]).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['01.json', '01.txt.json']);
  });

  describe('on bad input', () => {
    let dir: string;
    let result: ReturnType<typeof hoptac>;
    let out: string;
    beforeAll(() => {
      dir = path.join(tmp, 'bad');
      out = path.join(tmp, 'bad-out');
      mkdirSync(dir);
      copyFileSync(path.join(DOCS, '002.txt'), path.join(dir, 'good.txt'));
      writeFileSync(path.join(dir, 'empty.txt'), '');
      writeFileSync(path.join(dir, 'junk.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
      writeFileSync(path.join(dir, 'scan.txt'), Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), Buffer.alloc(2000, 0)]));
      writeFileSync(path.join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(path.join(DOCS, '000.txt'), 'utf8'), 'utf16le')]));
      // Windows-1258: "Hà Nội, ngày 12 tháng 3 năm 2024" with combining tone bytes (0xCC grave, 0xF2 dot below).
      writeFileSync(path.join(dir, 'cp1258.txt'), Buffer.from([0x48, 0x61, 0xcc, 0x20, 0x4e, 0xf4, 0xf2, 0x69, 0x2c, 0x20, 0x6e, 0x67, 0xe0, 0x79, 0x20, 0x31, 0x32, 0x0a]));
      writeFileSync(path.join(dir, 'huge.txt'), Buffer.alloc(50 * 1024 * 1024, 0x61));
      spawnSync('mkfifo', [path.join(dir, 'pipe.txt')]);
      symlinkSync(path.join(dir, 'missing.txt'), path.join(dir, 'broken.txt'));
      symlinkSync(path.join(dir, 'loop.txt'), path.join(dir, 'loop.txt'));
      result = hoptac(['extract', dir, '--out', out]);
    });

    it('exits non-zero and still writes every good file', () => {
      expect(result.code).toBe(2);
      const written = readdirSync(out).sort();
      expect(written).toEqual(['cp1258.json', 'good.json', 'utf16.json']);
      expect(JSON.parse(readFileSync(path.join(out, 'utf16.json'), 'utf8')).source.encoding).toBe('utf-16le');
      expect(JSON.parse(readFileSync(path.join(out, 'cp1258.json'), 'utf8')).text).toContain('Hà Nội');
    });

    it.each([
      ['empty.txt', /is empty/],
      ['junk.txt', /not a text document.*binary/],
      ['scan.txt', /PDF is damaged or truncated/],
      ['huge.txt', /50 MB, over the 20 MB limit/],
      ['pipe.txt', /named pipe \(FIFO\)/],
      ['broken.txt', /does not exist \(or is a broken symlink\)/],
      ['loop.txt', /symlink loop/],
    ])('reports %s on one line that names the file and the problem', (file, problem) => {
      const line = result.stderr.split('\n').find((l) => l.includes(file));
      expect(line).toMatch(problem);
      expect(line).toMatch(/^error: /);
    });

    it('leaves no half-written file behind', () => {
      expect(readdirSync(out).filter((f) => !f.endsWith('.json'))).toEqual([]);
    });
  });

  it('has --help with examples on every command', () => {
    for (const cmd of [[], ['extract'], ['eval'], ['schemas']]) {
      const r = hoptac([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Examples:');
    }
  });
});

describe('hoptac eval', () => {
  it('scores a run per field and overall, and as JSON', () => {
    const out = path.join(tmp, 'corpus');
    expect(hoptac(['extract', DOCS, '--out', out, '--quiet']).code).toBe(0);
    const r = hoptac(['eval', '--gold', path.join(ROOT, 'corpus/gold'), '--pred', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^parties\s+\d/m);
    const overall = /overall F1 ([\d.]+)/.exec(r.stdout);
    expect(Number(overall?.[1])).toBeGreaterThanOrEqual(95);
    const json = JSON.parse(hoptac(['eval', '--gold', path.join(ROOT, 'corpus/gold'), '--pred', out, '--json']).stdout);
    expect(json.overall.F).toBeGreaterThanOrEqual(0.95);
  });

  it('refuses an unknown field by name', () => {
    const r = hoptac(['eval', '--gold', 'corpus/gold', '--pred', 'corpus/gold', '--fields', 'partys']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('partys');
  });
});

describe('hoptac schemas', () => {
  it('writes the committed JSON Schema', () => {
    const out = path.join(tmp, 'schema');
    execFileSync(process.execPath, [BIN, 'schemas', '--out', out]);
    expect(readFileSync(path.join(out, 'record.schema.json'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'schemas/record.schema.json'), 'utf8'));
  });
});
