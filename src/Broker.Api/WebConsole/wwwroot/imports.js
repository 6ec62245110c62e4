// Finance's usage imports: usage the broker does not meter itself (bandwidth, backup, licences) uploaded as a CSV or
// JSON file and priced by the rate card's meters. A file is taken whole or not at all: a rejection lists every bad
// line and field and keeps none of the usage; a line imported before (same sourceId) is skipped, so sending a file
// again is harmless.
import { ApiError, call } from './api.js';
import { h, noticeLine, problemLine, replace, table } from './dom.js';
import { t } from './texts.js';

export async function imports(session, main) {
  const input = h('input', { type: 'file', id: 'import-file', accept: '.csv,.json,text/csv,application/json' });
  const notice = noticeLine('import-notice');
  const problem = problemLine('import-error');
  const report = h('div', { 'data-testid': 'import-report' });
  const upload = async () => {
    replace(notice);
    replace(problem);
    replace(report);
    const chosen = input.files?.[0];
    if (!chosen) {
      replace(problem, t('chooseFile'));
      return;
    }
    const json = chosen.name.toLowerCase().endsWith('.json') || chosen.type.includes('json');
    try {
      const result = await call(session, '/api/finance/usage-imports', {
        method: 'POST', file: { text: await chosen.text(), type: json ? 'application/json' : 'text/csv' },
      });
      replace(notice, t('imported', chosen.name, result.inserted, result.duplicates));
      replace(report, h('p', { class: 'muted' }, t('importId', result.id)));
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      replace(problem, error.message);
      // Every refused line with its field, in the user's language (the problem's errors, keyed "line N: field").
      replace(report, table('import-errors', [t('lineAndField'), t('reason')],
        Object.entries(error.fields).map(([where, messages]) => ({ cells: [where, messages.join(' ')] })), ''),
      error.problem.importId ? h('p', { class: 'muted' }, t('importId', error.problem.importId)) : null);
    }
  };
  replace(main,
    h('h1', {}, t('imports')),
    h('p', { class: 'muted' }, t('importsHelp')),
    h('div', { class: 'inline' }, h('label', { for: 'import-file' }, t('file')), input,
      h('button', { type: 'button', 'data-testid': 'upload', onclick: upload }, t('upload'))),
    notice,
    problem,
    report);
}
