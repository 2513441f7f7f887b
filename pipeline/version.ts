// The pipeline version goes into every record; bump it when extraction output changes.
export const PIPELINE_VERSION = '0.1.0';

// The version of what the read stage keeps for a content (page text, OCR words and boxes);
// bump it when reading or OCR output changes, so kept pages are read again.
export const READ_VERSION = '2';
