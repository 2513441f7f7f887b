// `hoptac search "…" [filters] [--k N] [--json]`: ranked commitments across every indexed document.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Filters } from '../index/filters.js';
import { MARK_CLOSE, MARK_OPEN } from '../index/snippet.js';
import type { Hit, SearchMode } from '../index/search.js';
import { openIndex, workspaceOption } from './workspace.js';

interface SearchArgs extends Filters {
  query: string;
  workspace: string;
  k: number;
  json: boolean;
  mode: SearchMode;
}

export function filterOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('party', { type: 'string', describe: 'Only documents with this party (any spelling: "Xaysomboun", "Lào")' })
    .option('issuer', { type: 'string', describe: 'Only documents issued by this organ' })
    .option('type', { type: 'string', describe: 'Only this kind: ke_hoach, "kế hoạch", KH, thoa_thuan, ban_ghi_nho, quyet_dinh …' })
    .option('year', { type: 'number', describe: 'Issued in this year, or with a period covering it' })
    .option('from', { type: 'string', describe: 'Issued on or after (2024, 2024-05 or 2024-05-02)' })
    .option('to', { type: 'string', describe: 'Issued on or before' })
    .option('min-amount', { type: 'number', describe: 'Only commitments with a budget of at least this amount' }) as Argv<T>;
}

export const searchCommand: CommandModule<object, SearchArgs> = {
  command: 'search <query>',
  describe: 'Search commitments across indexed documents (with or without diacritics)',
  builder: (y: Argv) =>
    filterOptions(workspaceOption(y))
      .positional('query', { type: 'string', demandOption: true, describe: 'What to look for, e.g. "đào tạo cán bộ y tế cho Lào"' })
      .option('k', { type: 'number', default: 10, describe: 'How many results' })
      .option('json', { type: 'boolean', default: false, describe: 'Print a JSON array of results' })
      .option('mode', { type: 'string', choices: ['hybrid', 'bm25', 'dense'], default: 'hybrid', describe: 'Ranking: BM25 and vectors fused (default), or one of them' })
      .example('$0 search "dao tao can bo y te cho Lao"', 'Diacritics are optional')
      .example('$0 search "học bổng" --party "Hà Tĩnh" --json', 'Filtered, as JSON')
      .example('$0 search "kinh phí hỗ trợ" --min-amount 1000000000 --year 2024', 'Budgets of at least 1 billion đồng') as unknown as Argv<SearchArgs>,
  handler: async (argv: ArgumentsCamelCase<SearchArgs>) => {
    const filters: Filters = { party: argv.party, issuer: argv.issuer, type: argv.type, year: argv.year, from: argv.from, to: argv.to, minAmount: argv.minAmount };
    process.exitCode = await openIndex(argv.workspace, 'search', async (index) => {
      if (!Object.keys(index.documents()).length) {
        process.stderr.write(`hoptac search: the workspace ${argv.workspace} has nothing indexed yet; run "hoptac index <files>" first\n`);
        return 1;
      }
      const hits = await index.search(argv.query, { k: argv.k, filters, mode: argv.mode });
      process.stdout.write(argv.json ? `${JSON.stringify(hits.map(jsonHit), null, 2)}\n` : formatHits(hits, argv.query, !!process.stdout.isTTY));
      return 0;
    });
  },
};

function jsonHit(h: Hit) {
  return {
    document: h.document,
    docId: h.docId,
    score: h.score,
    label: h.label,
    text: h.text,
    snippet: h.snippet,
    kind: h.kind,
    path: h.unit,
    number: h.number || null,
    docType: h.docType,
    title: h.title || null,
    quantity: h.quantity,
    unit: h.unitName,
    amount: h.amount,
    currency: h.currency,
    ranks: h.ranks,
  };
}

export function formatAmount(amount: number | null, currency: string | null): string {
  if (amount === null) return '';
  return `${amount.toLocaleString('vi-VN')} ${currency === 'VND' ? 'đồng' : (currency ?? '')}`.trim();
}

export function formatHits(hits: Hit[], query: string, tty: boolean): string {
  if (!hits.length) return `No commitment matches "${query}".\n`;
  const bold = (s: string) => (tty ? s.replaceAll(MARK_OPEN, '\x1b[1m').replaceAll(MARK_CLOSE, '\x1b[22m') : s);
  const lines: string[] = [];
  hits.forEach((h, i) => {
    const where = [h.document, h.number, h.unit.startsWith('¶') ? `passage ${h.unit.slice(1)}` : `item ${h.unit}`].filter(Boolean).join(' · ');
    const values = [h.quantity !== null ? `${h.quantity} ${h.unitName ?? ''}`.trim() : '', formatAmount(h.amount, h.currency)].filter(Boolean).join('; ');
    lines.push(`${String(i + 1).padStart(2)}. ${where}${values ? `  [${values}]` : ''}  (${h.score.toFixed(4)})`);
    if (h.title) lines.push(`    ${h.title.length > 110 ? `${h.title.slice(0, 109)}…` : h.title}`);
    lines.push(`    ${bold(h.snippet)}`);
  });
  return `${lines.join('\n')}\n`;
}
