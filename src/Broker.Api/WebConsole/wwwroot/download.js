// Downloads a file the API serves only with a bearer token (CSV and Excel exports): fetched with the token, then
// handed to the browser as a file under the name the API gives in Content-Disposition.
import { request } from './api.js';
import { h } from './dom.js';
import { guard } from './actions.js';
import { t } from './texts.js';

export async function download(session, path, fallbackName) {
  const response = await request(session, path);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * The two export buttons (CSV, Excel). <target> gives { path, stem } when clicked, so the buttons export whatever the
 * form around them says at that moment (the month the user has just picked), not what it said when they were drawn.
 */
export function exportButtons(session, target, problem) {
  return ['csv', 'xlsx'].map((format) => h('button', { type: 'button', class: 'secondary', 'data-testid': `export-${format}`, onclick: async () => {
    const { path, stem } = target();
    await guard(problem, () => download(session, `${path}${path.includes('?') ? '&' : '?'}format=${format}`, `${stem}.${format}`));
  } }, t(`export.${format}`)));
}
