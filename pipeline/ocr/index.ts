// OCR engines by name.

import type { OcrEngine } from './engine.js';

export type OcrEngineName = 'tesseract.js' | 'tesseract';
export const OCR_ENGINES: OcrEngineName[] = ['tesseract.js', 'tesseract'];

export async function createOcrEngine(name: OcrEngineName, options: { workers?: number } = {}): Promise<OcrEngine> {
  if (name === 'tesseract') {
    const { NativeTesseractEngine } = await import('./native.js');
    return new NativeTesseractEngine(options);
  }
  const { TesseractJsEngine } = await import('./tesseractjs.js');
  return new TesseractJsEngine(options);
}

export type { OcrEngine, OcrPageResult, OcrWord, RecognizeOptions } from './engine.js';
