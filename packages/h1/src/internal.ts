// Entry points for `@touche/server` only, published as `@touche/h1/internal`. Not part of the
// public API: they trust their callers (see each one) and may change in any release.
export { parseWithText } from './parse-request.js'
