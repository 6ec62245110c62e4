// Calls the broker's HTTP API as the signed-in user. Errors arrive as RFC 9457 problem+json; an ApiError keeps the
// localized detail and the per-field messages so that forms can show each one next to its field.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? null;
    this.fields = problem?.errors ?? {};
    this.problem = problem ?? {};
  }
}

/** Dispatched on window when the API refuses the token itself (401): the console then signs the user out. */
export const SignedOut = 'broker:signed-out';

/**
 * One request as the signed-in user, in the user's language; the response when it succeeded. A refusal becomes an
 * ApiError, and a 401 (the token itself refused) also announces SignedOut.
 */
export async function request(session, path, { method = 'GET', body, file, headers: extra = {} } = {}) {
  const headers = { 'Accept-Language': session.lang, ...extra };
  if (session.token) {
    headers.Authorization = `Bearer ${session.token}`;
  }
  // A JSON body, or a <file> ({ text, type }) sent as it is (an upload).
  if (file !== undefined) {
    headers['Content-Type'] = file.type;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const payload = file !== undefined ? file.text : body === undefined ? undefined : JSON.stringify(body);
  const response = await fetch(path, { method, headers, body: payload });
  if (response.status === 401) {
    window.dispatchEvent(new Event(SignedOut));
  }
  if (!response.ok) {
    const text = await response.text();
    throw new ApiError(response.status, text ? JSON.parse(text) : null);
  }
  return response;
}

/** The answer's JSON body and its headers (for the few answers that say something in a header, such as overbooking). */
export async function send(session, path, options = {}) {
  const response = await request(session, path, { ...options, headers: { Accept: 'application/json', ...options.headers } });
  const text = await response.text();
  return { data: text ? JSON.parse(text) : null, headers: response.headers };
}

export async function call(session, path, options = {}) {
  return (await send(session, path, options)).data;
}

/** Every item of a keyset-paged listing ({ items, next }), following the cursor 200 at a time. */
export async function all(session, path) {
  const items = [];
  const separator = path.includes('?') ? '&' : '?';
  let after = null;
  do {
    const cursor = after === null ? '' : `&after=${encodeURIComponent(after)}`;
    const page = await call(session, `${path}${separator}limit=200${cursor}`);
    items.push(...page.items);
    after = page.next ?? null;
  } while (after !== null);
  return items;
}

/** Every plan of the catalog (the latest version of each), across its offerings. */
export async function catalogPlans(session) {
  return (await call(session, '/api/catalog/offerings')).flatMap((offering) => offering.plans);
}
