// The REST API of rest-api.md, as the dashboard uses it. The session is the HttpOnly cookie the
// browser keeps; the CSRF token lives in this module's memory only (never in storage, never in a
// URL), and goes with every change.

let csrfToken = null;

/** A refusal or failure: the problem+json fields the page turns into words. */
export class ApiError extends Error {
  constructor(status, problem, retryAt) {
    super(problem.title || 'Request failed');
    this.status = status;
    this.code = problem.code || null;
    this.title = problem.title || null;
    this.detail = problem.detail || null;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.retryAt = retryAt;
  }
}

/** Thrown when the server could not be reached at all. */
export class NetworkError extends Error {}

export function setCsrfToken(token) {
  csrfToken = token;
}

export function forgetSession() {
  csrfToken = null;
}

/** A change: it carries the CSRF token, except signing in (which is how the page gets one). */
function isChange(method, path) {
  return method !== 'GET' && !(method === 'POST' && path === '/v1/session');
}

/**
 * Sends a request. A change refused for its CSRF token (a session from before a server upgrade, a
 * token the page lost) reads the session's token anew and is sent once more; a second refusal is
 * the answer.
 */
async function request(method, path, body) {
  try {
    return await send(method, path, body);
  } catch (error) {
    if (!(isChange(method, path) && error instanceof ApiError && error.code === 'CSRF_TOKEN_INVALID')) {
      throw error;
    }
  }
  const account = await send('GET', '/v1/account');
  csrfToken = account.csrfToken;
  return send(method, path, body);
}

async function send(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (isChange(method, path)) {
    headers['X-CSRF-Token'] = csrfToken || '';
  }
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (failure) {
    throw new NetworkError('The server could not be reached.');
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (notJson) {
      json = null;
    }
  }
  if (!response.ok) {
    const problem = json && typeof json === 'object' ? json : {};
    throw new ApiError(response.status, problem, retryAtOf(problem, response));
  }
  return json;
}

/** The moment a refusal names: its retryAt, else now plus Retry-After seconds. */
function retryAtOf(problem, response) {
  if (typeof problem.retryAt === 'string') {
    return problem.retryAt;
  }
  const seconds = Number(response.headers.get('Retry-After'));
  if (Number.isFinite(seconds) && seconds > 0) {
    return new Date(Date.now() + seconds * 1000).toISOString();
  }
  return null;
}

export const api = {
  signIn: (email, password) => request('POST', '/v1/session', { email, password }),
  signOut: () => request('DELETE', '/v1/session'),
  account: () => request('GET', '/v1/account'),
  tokens: (kind) => request('GET', `/v1/tokens?kind=${encodeURIComponent(kind)}`),
  createToken: (token) => request('POST', '/v1/tokens', token),
  revoke: (id) => request('POST', `/v1/tokens/${encodeURIComponent(id)}/revoke`),
  rotate: (id, graceMinutes) =>
    request('POST', `/v1/tokens/${encodeURIComponent(id)}/rotate`, { graceMinutes }),
  releaseSeat: (id) => request('POST', `/v1/tokens/${encodeURIComponent(id)}/seat/release`),
  auditEvents: (limit, before) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (before) {
      query.set('before', before);
    }
    return request('GET', `/v1/audit-events?${query}`);
  },
};
