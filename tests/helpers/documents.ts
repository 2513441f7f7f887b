// Builds small but complete Nghị định 30 documents for extractor cases.

export interface Nd30Parts {
  organs?: string[];
  number?: string | null;
  placeDate?: string | null;
  kind?: string;
  summary?: string[];
  preamble?: string[];
  body: string[];
  closing?: string[];
}

export function nd30(p: Nd30Parts): string {
  const lines: string[] = [];
  lines.push(...(p.organs ?? ['UBND TỈNH BẮC GIANG', 'SỞ Y TẾ']), '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '');
  if (p.number !== null) lines.push(p.number ?? 'Số: 123/KH-SYT', '');
  if (p.placeDate !== null) lines.push(p.placeDate ?? 'Bắc Giang, ngày 10 tháng 10 năm 2022', '');
  lines.push(p.kind ?? 'KẾ HOẠCH', ...(p.summary ?? ['Triển khai hợp tác y tế với tỉnh Xây Sôm Bun (Lào)']), '');
  for (const l of p.preamble ?? []) lines.push(l, '');
  for (const l of p.body) lines.push(l, '');
  lines.push(...(p.closing ?? ['Nơi nhận:', '- UBND tỉnh (b/c);', '- Lưu: VT.', '', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', '', 'Nguyễn Văn Bình']));
  return `${lines.join('\n')}\n`;
}
