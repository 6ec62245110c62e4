// Builds elements from data. Text always goes in as text nodes, never as markup, so nothing the API returns (names,
// messages, ids) can inject script into the page.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A table with a header row; rows are arrays of cells (text or nodes). */
export function table(testId, headers, rows, empty) {
  if (rows.length === 0) {
    return h('p', { class: 'empty', 'data-testid': testId }, empty);
  }
  return h('table', { 'data-testid': testId },
    h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, rows.map((row) => h('tr', row.attributes ?? {}, row.cells.map((cell) => h('td', {}, cell))))));
}

/** A line saying what just happened (role status: announced without interrupting). */
export function noticeLine(testId) {
  return h('p', { class: 'notice', role: 'status', 'data-testid': testId });
}

/** A line saying why something was refused (role alert: announced at once). */
export function problemLine(testId) {
  return h('p', { class: 'error', role: 'alert', 'data-testid': testId });
}
