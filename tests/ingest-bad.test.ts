// A batch of everything an archive throws at an ingest — damaged, encrypted and page-less
// PDFs, a decompression bomb, empty and binary files, a file over the size limit, symlink
// loops and broken links, a FIFO and a device, duplicates, a mislabeled file, a legacy
// encoding, files that vanish or change during the run, and a workspace whose disk fills up —
// must end with every good file done, every bad one in `status --failed` with a clear reason,
// and exit code 2, without hanging.

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordSchema } from '../schemas/record.js';
import { writeBadScans } from './helpers/bad-inputs.js';
import { ROOT } from './helpers/corpus.js';
import { PLAN_PAGE, scanPdf } from './helpers/pages.js';

const BIN = path.join(ROOT, 'bin', 'hoptac.js');
const env = { ...process.env, CHROMA_URL: '' };
let dir: string;

function hoptac(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 240_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Failure {
  path: string;
  stage: string;
  code: string | null;
  reason: string;
}

/** Runs an ingest; once it has listed its files, `duringRun` changes the folder under it. */
function ingestWhile(args: string[], duringRun: () => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'ingest', ...args], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    let changed = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!changed && /files? to look at/.test(stdout)) {
        changed = true;
        duringRun();
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hoptac-bad-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hoptac ingest of a folder of bad inputs', () => {
  const input = () => path.join(dir, 'in');
  const ws = () => path.join(dir, 'ws');
  let run: { code: number | null; stdout: string; stderr: string };
  let failures: Failure[];

  beforeAll(async () => {
    const d = input();
    mkdirSync(path.join(d, 'sub'), { recursive: true });
    const good = await scanPdf([PLAN_PAGE]);
    // Good files (sorted first, with the scan holding the only job slot while the folder changes).
    copyFileSync(path.join(ROOT, 'corpus/docs/100.txt'), path.join(d, 'a-good.txt'));
    writeFileSync(path.join(d, 'b-good-scan.pdf'), good);
    copyFileSync(path.join(ROOT, 'corpus/docs/100.txt'), path.join(d, 'c-duplicate.txt'));
    writeFileSync(path.join(d, 'd-mislabeled.txt'), good.subarray(0)); // a PDF named .txt: read as what it is
    // Legacy and other encodings, as the corpus has them.
    copyFileSync(path.join(ROOT, 'corpus/docs/134.txt'), path.join(d, 'e-windows-1258.txt'));
    copyFileSync(path.join(ROOT, 'corpus/docs/135.txt'), path.join(d, 'f-utf-16.txt'));
    // Bad scans and PDFs, and a photo (a record that says it has no text, not a failure).
    await writeBadScans(d, good);
    // Bad files of every other kind.
    writeFileSync(path.join(d, 'empty.txt'), '');
    writeFileSync(path.join(d, 'binary.txt'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(path.join(d, 'huge.txt'), 'Đào tạo cán bộ. '.repeat(200_000)); // over the --max-bytes below
    symlinkSync('loop-b.txt', path.join(d, 'loop-a.txt'));
    symlinkSync('loop-a.txt', path.join(d, 'loop-b.txt'));
    symlinkSync('nowhere.txt', path.join(d, 'broken-link.txt'));
    symlinkSync('..', path.join(d, 'sub', 'parent-loop')); // a folder loop: walked once
    symlinkSync('/dev/null', path.join(d, 'device.txt'));
    spawnSync('mkfifo', [path.join(d, 'fifo.txt')]);
    writeFileSync(path.join(d, 'zz-changes.txt'), 'THÔNG BÁO\nBản cũ.\n');
    writeFileSync(path.join(d, 'zz-vanishes.txt'), 'THÔNG BÁO\nSẽ bị xóa.\n');
    run = await ingestWhile([d, '-w', ws(), '--progress', 'lines', '--jobs', '1', '--max-bytes', '1000000'], () => {
      rmSync(path.join(d, 'zz-vanishes.txt'));
      writeFileSync(path.join(d, 'zz-changes.txt'), 'THÔNG BÁO\nBản mới, sửa trong khi chạy: tiếp nhận 05 cán bộ y tế.\n');
    });
    failures = JSON.parse(hoptac(['status', '-w', ws(), '--failed', '--json']).stdout) as Failure[];
  }, 300_000);

  it('ends with exit code 2 and a summary, never hanging', () => {
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toMatch(/failed\s+\d+/);
  });

  it('does every good file, reading each by what it is', () => {
    const s = JSON.parse(hoptac(['status', '-w', ws(), '--json']).stdout) as { counts: { done: number } };
    const recs = readdirSync(path.join(ws(), 'records')).map((f) => RecordSchema.parse(JSON.parse(readFileSync(path.join(ws(), 'records', f), 'utf8'))));
    const byName = new Map(recs.map((r) => [path.basename(r.source.file), r]));
    expect(byName.get('a-good.txt')?.docType).toBe('thoa_thuan');
    expect(byName.get('b-good-scan.pdf')?.documentNumber?.value).toBe('125/KH-UBND');
    expect(byName.get('e-windows-1258.txt')?.source.encoding).toBe('windows-1258');
    expect(byName.get('f-utf-16.txt')?.source.encoding).toMatch(/^utf-16/);
    expect(byName.get('photo.jpg')?.messages.map((m) => m.ruleId)).toContain('ocr-no-text');
    expect(byName.get('zz-changes.txt')?.text).toMatch(/Bản mới/);
    // The duplicate and the mislabeled copy of the scan are the same contents, done once.
    expect(byName.has('c-duplicate.txt')).toBe(false);
    expect(byName.has('d-mislabeled.txt')).toBe(false);
    expect(run.stdout).toMatch(/^duplicate\s+.*c-duplicate\.txt\s+\(same content as .*a-good\.txt\)/m);
    expect(s.counts.done).toBe(recs.length);
  });

  it.each([
    ['truncated.pdf', 'EPDF', /PDF is damaged or truncated/],
    ['encrypted.pdf', 'EENCRYPTED', /PDF is encrypted/],
    ['no-pages.pdf', 'ENOPAGES', /PDF has no pages/],
    ['bomb.png', 'EBOMB', /larger than the pixel limit/],
    ['empty.png', 'EEMPTY', /is empty \(0 bytes\)/],
    ['empty.txt', 'EEMPTY', /is empty \(0 bytes\)/],
    ['binary.txt', null, /holds binary data/],
    ['huge.txt', 'ETOOBIG', /over the 1\.0 MB limit/],
    ['loop-a.txt', 'ELOOP', /symlink loop/],
    ['broken-link.txt', 'ENOENT', /does not exist \(or is a broken symlink\)/],
    ['fifo.txt', 'EFIFO', /named pipe/],
    ['device.txt', 'ESPECIAL', /special file/],
    ['zz-vanishes.txt', 'ENOENT', /does not exist/],
  ])('lists %s in status --failed with a reason that names it and says what to do', (file, code, why) => {
    const f = failures.find((x) => path.basename(x.path) === file);
    expect(f, `${file} in ${JSON.stringify(failures.map((x) => x.path))}`).toBeDefined();
    expect(f!.reason).toMatch(why);
    expect(f!.reason).toContain(file);
    expect(f!.reason).toMatch(/ — .+/);
    if (code) expect(f!.code).toBe(code);
  });

  it('fails nothing good, and walks a folder loop once', () => {
    const good = ['a-good.txt', 'b-good-scan.pdf', 'c-duplicate.txt', 'd-mislabeled.txt', 'e-windows-1258.txt', 'f-utf-16.txt', 'photo.jpg', 'zz-changes.txt'];
    expect(failures.filter((f) => good.includes(path.basename(f.path)))).toEqual([]);
    expect(failures.filter((f) => f.path.includes('parent-loop'))).toEqual([]);
  });

  it('retries only the failures, which fail again the same way', () => {
    const r = hoptac(['retry', '-w', ws(), '--progress', 'lines', '--max-bytes', '1000000']);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(/a-good\.txt/);
    const again = JSON.parse(hoptac(['status', '-w', ws(), '--failed', '--json']).stdout) as Failure[];
    expect(again.map((f) => f.path).sort()).toEqual(failures.map((f) => f.path).sort());
  });
});

// A small tmpfs as the workspace's disk (needs root and mount; skipped with the reason elsewhere).
const mountable = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'not root on Linux';
  const probe = mkdtempSync(path.join(os.tmpdir(), 'hoptac-mount-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]);
  if (r.status !== 0) {
    rmSync(probe, { recursive: true, force: true });
    return `mount -t tmpfs is not allowed here (${(r.stderr?.toString() ?? '').trim().split('\n')[0]})`;
  }
  spawnSync('umount', [probe]);
  rmSync(probe, { recursive: true, force: true });
  return null;
})();

describe.skipIf(mountable !== null)(`hoptac ingest into a workspace whose disk fills up${mountable ? ` (skipped: ${mountable})` : ''}`, () => {
  const disk = () => path.join(dir, 'small-disk');
  const ws = () => path.join(disk(), 'ws');
  let run: ReturnType<typeof hoptac>;
  let failures: Failure[];

  beforeAll(() => {
    const input = path.join(dir, 'disk-in');
    mkdirSync(input, { recursive: true });
    for (const f of ['100.txt', '106.txt', '110.txt']) copyFileSync(path.join(ROOT, 'corpus/docs', f), path.join(input, f));
    // A 4 MB document whose entries and vectors cannot fit in what the small ones leave of the disk.
    const long = readFileSync(path.join(ROOT, 'corpus/docs/110.txt'), 'utf8');
    writeFileSync(path.join(input, 'zz-long.txt'), `${long}\n${Array.from({ length: 480 }, (_, i) => `Phụ lục ${i + 1}.\n${long}`).join('\n')}`);
    mkdirSync(disk(), { recursive: true });
    // 48 MB: the Chroma server takes about 32 MB for a first collection.
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', disk()]);
    expect(m.status, m.stderr?.toString()).toBe(0);
    run = hoptac(['ingest', input, '-w', ws(), '--progress', 'lines']);
    failures = JSON.parse(hoptac(['status', '-w', ws(), '--failed', '--json']).stdout || '[]') as Failure[];
  }, 240_000);

  afterAll(() => {
    spawnSync('umount', ['-l', disk()]);
  });

  it('does the documents that fit, fails the one that does not with "the disk is full", exits 2', () => {
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(2);
    for (const f of ['100.txt', '106.txt', '110.txt']) expect(run.stdout).toMatch(new RegExp(`^done\\s+.*${f.replace('.', '\\.')}`, 'm'));
    const f = failures.find((x) => x.path.endsWith('zz-long.txt'));
    expect(f, `${JSON.stringify(failures)}\n${run.stdout}\n${run.stderr}`).toBeDefined();
    expect(f!.reason).toMatch(/disk of the workspace .* is full — free some space and run the same command again; nothing done is lost/);
    expect(run.stderr).toMatch(/stopped: the disk of the workspace .* is full/);
  });

  it('finishes with nothing lost once there is space again', () => {
    expect(spawnSync('mount', ['-o', 'remount,size=512m', disk()]).status).toBe(0);
    const r = hoptac(['retry', '-w', ws(), '--progress', 'lines']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const s = JSON.parse(hoptac(['status', '-w', ws(), '--json']).stdout) as { counts: { done: number; failed: number } };
    expect(s.counts).toMatchObject({ done: 4, failed: 0 });
    const hits = JSON.parse(hoptac(['search', 'Phụ lục 480', '-w', ws(), '--json']).stdout) as Array<{ document: string }>;
    expect(hits[0]?.document).toBe('zz-long.txt');
  });
});
