// `hoptac eval-search [--queries FILE] [--workspace DIR]`: nDCG@10, MRR and recall@10 of BM25
// alone, vectors alone and hybrid, for the judged queries as written and without diacritics.

import { promises as fs } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { meanScores, QuerySetSchema, scoreQuery, withoutDiacritics, type JudgedQuery, type QueryScores } from '../eval/retrieval.js';
import type { SearchIndex, SearchMode } from '../index/search.js';
import { openIndex, workspaceOption } from './workspace.js';

interface EvalSearchArgs {
  queries: string;
  workspace: string;
  json: boolean;
  verbose: boolean;
}

export const DEFAULT_QUERIES = 'corpus/search/queries.json';
const MODES: SearchMode[] = ['bm25', 'dense', 'hybrid'];
const VARIANTS = ['with diacritics', 'without diacritics'] as const;

export const evalSearchCommand: CommandModule<object, EvalSearchArgs> = {
  command: 'eval-search',
  describe: 'Score search on hand-judged queries: nDCG@10, MRR, recall@10 for BM25, dense and hybrid',
  builder: (y: Argv) =>
    workspaceOption(y)
      .option('queries', { type: 'string', default: DEFAULT_QUERIES, describe: 'Judged query set (JSON)' })
      .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' })
      .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'Scores of every query (hybrid)' })
      .example('$0 index corpus/docs && $0 eval-search', 'Index the corpus, then score its query set') as unknown as Argv<EvalSearchArgs>,
  handler: async (argv: ArgumentsCamelCase<EvalSearchArgs>) => {
    let queries: JudgedQuery[];
    try {
      queries = QuerySetSchema.parse(JSON.parse(await fs.readFile(argv.queries, 'utf8'))).queries;
    } catch (err) {
      process.stderr.write(`hoptac eval-search: cannot read the query set ${argv.queries}: ${(err as Error).message.slice(0, 400)}\n`);
      process.exitCode = 1;
      return;
    }
    process.exitCode = await openIndex(argv.workspace, 'eval-search', async (index) => {
      const indexed = new Set(Object.values(index.documents()).map((d) => d.document));
      const missing = [...new Set(queries.flatMap((q) => q.relevant.map((j) => j.doc)))].filter((d) => !indexed.has(d));
      if (missing.length) {
        process.stderr.write(`hoptac eval-search: judged documents not indexed in ${argv.workspace}: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ' …' : ''}; index the corpus first (hoptac index corpus/docs)\n`);
        return 1;
      }
      const report = await evaluateSearch(index, queries);
      process.stdout.write(argv.json ? `${JSON.stringify(report, null, 2)}\n` : formatSearchReport(report, argv.verbose));
      return 0;
    });
  },
};

export interface SearchReport {
  queries: number;
  judgments: number;
  results: Record<SearchMode, Record<(typeof VARIANTS)[number], QueryScores>>;
  perQuery: Array<{ id: string; query: string; hybrid: QueryScores; hybridFolded: QueryScores }>;
}

export async function evaluateSearch(index: SearchIndex, queries: readonly JudgedQuery[]): Promise<SearchReport> {
  const results = {} as SearchReport['results'];
  const perQuery: SearchReport['perQuery'] = queries.map((q) => ({ id: q.id, query: q.query, hybrid: undefined!, hybridFolded: undefined! }));
  for (const mode of MODES) {
    results[mode] = {} as Record<(typeof VARIANTS)[number], QueryScores>;
    for (const variant of VARIANTS) {
      const scores: QueryScores[] = [];
      for (const [i, q] of queries.entries()) {
        const text = variant === 'with diacritics' ? q.query : withoutDiacritics(q.query);
        const hits = await index.search(text, { k: 50, mode });
        const s = scoreQuery(hits.map((h) => ({ doc: h.document, unit: h.unit })), q.relevant);
        scores.push(s);
        if (mode === 'hybrid') perQuery[i]![variant === 'with diacritics' ? 'hybrid' : 'hybridFolded'] = s;
      }
      results[mode][variant] = meanScores(scores);
    }
  }
  return { queries: queries.length, judgments: queries.reduce((a, q) => a + q.relevant.length, 0), results, perQuery };
}

export function formatSearchReport(r: SearchReport, verbose: boolean): string {
  const f = (x: number) => x.toFixed(3);
  const lines = [
    `${r.queries} queries, ${r.judgments} judgments; commitments: nDCG@10, MRR, recall@10; documents: nDCG@10 over the documents of 50 results, and of the first page (10 results)`,
    '',
  ];
  const head = ['mode', 'typed', 'nDCG@10', 'MRR', 'recall@10', 'doc nDCG@10', 'first page'];
  const rows: string[][] = [];
  for (const mode of MODES) for (const v of VARIANTS) {
    const s = r.results[mode][v];
    rows.push([mode, v, f(s.ndcg10), f(s.mrr), f(s.recall10), f(s.docNdcg10), f(s.docNdcg10Page)]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  lines.push(fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt));
  if (verbose) {
    lines.push('', 'per query (hybrid; with / without diacritics nDCG@10):');
    for (const q of r.perQuery) lines.push(`  ${q.id}  ${f(q.hybrid.ndcg10)} / ${f(q.hybridFolded.ndcg10)}  ${q.query}`);
  }
  return `${lines.join('\n')}\n`;
}
