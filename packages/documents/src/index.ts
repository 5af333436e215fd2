export * from './model';
export * from './vietnamese';
export { renderPdf } from './pdf';
export { renderDocx } from './docx';
export { fromTemplate, TEMPLATES_DIR, type TemplateData } from './template';
export * from './kinds';
