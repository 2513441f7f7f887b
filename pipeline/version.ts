// The pipeline version goes into every record; bump it when extraction output changes.
export const PIPELINE_VERSION = '0.1.0';
