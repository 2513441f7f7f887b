// `hoptac compare A B` aligns two documents' commitments (matched pairs with similarity, only in
// A, only in B) with quotas and budgets side by side; `hoptac compare --party "Kon Tum"` groups
// the commitments of every document with that party.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { compareDocuments, groupCommitments, sideOf, type Commitment, type Comparison, type DocumentSide, type Topic } from '../index/compare.js';
import { compileFilters } from '../index/filters.js';
import type { SearchIndex } from '../index/search.js';
import { formatAmount } from './search.js';
import { openIndex, workspaceOption } from './workspace.js';

interface CompareArgs {
  a?: string;
  b?: string;
  party?: string;
  workspace: string;
  json: boolean;
  threshold: number;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare [a] [b]',
  describe: 'Compare what two documents commit to, or every document with one party (--party)',
  builder: (y: Argv) =>
    workspaceOption(y)
      .positional('a', { type: 'string', describe: 'A document: file name, path, number or id' })
      .positional('b', { type: 'string', describe: 'The other document' })
      .option('party', { type: 'string', describe: 'Compare every indexed document with this party instead' })
      .option('threshold', { type: 'number', default: 0.3, describe: 'Least similarity (0–1) for two commitments to be paired' })
      .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' })
      .check((a) => (a.party ? true : a.a && a.b ? true : 'Name two documents (hoptac compare A B), or a party (--party "Kon Tum").'))
      .example('$0 compare 100.txt 106.txt', 'Two agreements side by side')
      .example('$0 compare --party "Lào"', 'Every document with a Lao party') as unknown as Argv<CompareArgs>,
  handler: async (argv: ArgumentsCamelCase<CompareArgs>) => {
    process.exitCode = await openIndex(
      argv.workspace,
      'compare',
      async (index) => (argv.party ? compareParty(index, argv) : compareTwo(index, argv)),
      { chroma: false },
    );
  },
};

async function sideFor(index: SearchIndex, ref: string): Promise<DocumentSide | string> {
  const r = index.resolve(ref);
  if ('error' in r) return r.error;
  return sideOf(await index.record(r.docId), index.entriesOfDocument(r.docId));
}

async function compareTwo(index: SearchIndex, argv: CompareArgs): Promise<number> {
  const a = await sideFor(index, argv.a!);
  const b = await sideFor(index, argv.b!);
  for (const s of [a, b]) if (typeof s === 'string') {
    process.stderr.write(`hoptac compare: ${s}\n`);
    return 1;
  }
  const cmp = await compareDocuments(index.embeddings, a as DocumentSide, b as DocumentSide, argv.threshold);
  process.stdout.write(argv.json ? `${JSON.stringify(cmp, null, 2)}\n` : formatComparison(cmp));
  return 0;
}

async function compareParty(index: SearchIndex, argv: CompareArgs): Promise<number> {
  const filters = compileFilters({ party: argv.party });
  const docIds = Object.keys(index.documents()).filter((id) => {
    const meta = index.documentMeta(id);
    return meta !== null && filters.acceptDocument(meta);
  });
  if (!docIds.length) {
    process.stderr.write(`hoptac compare: no indexed document has the party "${argv.party}"\n`);
    return 1;
  }
  const sides: DocumentSide[] = [];
  for (const id of docIds) sides.push(sideOf(await index.record(id), index.entriesOfDocument(id)));
  sides.sort((x, y) => (x.issued ?? '9999').localeCompare(y.issued ?? '9999') || x.document.localeCompare(y.document));
  const topics = await groupCommitments(index.embeddings, sides, argv.threshold);
  if (argv.json) {
    process.stdout.write(`${JSON.stringify({ party: argv.party, documents: sides, topics }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(formatParty(argv.party!, sides, topics));
  return 0;
}

const clip = (s: string, n: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

function values(c: Pick<Commitment, 'quotas' | 'budgets'>): string {
  return [
    ...c.quotas.map((q) => `${q.quantity.toLocaleString('vi-VN')} ${q.unit}${q.year ? ` (${q.year})` : ''}`),
    ...c.budgets.map((b) => `${formatAmount(b.amount, b.currency)}${b.year ? ` (${b.year})` : ''}`),
  ].join('; ');
}

function heading(s: DocumentSide): string {
  return `${s.document}${s.number ? ` · ${s.number}` : ''}${s.issued ? ` · ${s.issued}` : ''} · ${s.docType}${s.title ? `\n   ${clip(s.title, 110)}` : ''}`;
}

export function formatComparison(cmp: Comparison): string {
  const byPath = (side: DocumentSide, p: string) => side.commitments.find((c) => c.path === p)!;
  const out = [`A: ${heading(cmp.a)}`, `B: ${heading(cmp.b)}`, ''];
  out.push(`Matched commitments (${cmp.matched.length}):`);
  for (const m of cmp.matched) {
    const ca = byPath(cmp.a, m.a);
    const cb = byPath(cmp.b, m.b);
    out.push(`  ${m.similarity.toFixed(2)}  A ${m.a}: ${clip(ca.text, 70)}`);
    out.push(`        B ${m.b}: ${clip(cb.text, 70)}`);
    const va = values(ca);
    const vb = values(cb);
    if (va || vb) out.push(`        quotas/budgets  A: ${va || '–'}  |  B: ${vb || '–'}`);
  }
  for (const [name, side, paths] of [['A', cmp.a, cmp.onlyA], ['B', cmp.b, cmp.onlyB]] as const) {
    out.push('', `Only in ${name} (${paths.length}):`);
    for (const p of paths) {
      const c = byPath(side, p);
      const v = values(c);
      out.push(`  ${p}: ${clip(c.text, 90)}${v ? `  [${v}]` : ''}`);
    }
  }
  const totals = (s: DocumentSide) => {
    const all = [...s.commitments, s.other];
    const budget = all.flatMap((c) => c.budgets).filter((b) => b.currency === 'VND').reduce((x, b) => x + b.amount, 0);
    const planWide = values(s.other);
    return `${s.commitments.length} commitments, ${all.flatMap((c) => c.quotas).length} quotas, budgets ${budget ? formatAmount(budget, 'VND') : '–'}${planWide ? `; outside items: ${planWide}` : ''}`;
  };
  out.push('', `Totals  A: ${totals(cmp.a)}`, `        B: ${totals(cmp.b)}`);
  return `${out.join('\n')}\n`;
}

function formatParty(party: string, sides: DocumentSide[], topics: Topic[]): string {
  const out = [`${sides.length} documents with the party "${party}":`];
  sides.forEach((s, i) => out.push(`  [${i + 1}] ${heading(s).replace('\n   ', '\n       ')}`));
  const shared = topics.filter((t) => t.members.length > 1);
  out.push('', `Commitments on the same subject in several documents (${shared.length} groups):`);
  for (const t of shared) {
    for (const [n, m] of t.members.entries()) {
      const c = sides[m.doc]!.commitments.find((x) => x.path === m.path)!;
      const v = values(c);
      out.push(`  ${n === 0 ? '•' : ' '} [${m.doc + 1}] ${m.path}: ${clip(c.text, 80)}${v ? `  [${v}]` : ''}${n ? `  (${m.similarity.toFixed(2)})` : ''}`);
    }
  }
  const single = topics.filter((t) => t.members.length === 1).length;
  out.push('', `${single} commitments appear in one document only.`);
  return `${out.join('\n')}\n`;
}
