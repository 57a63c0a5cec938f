import { InvalidStatusCode } from './errors.js'
import { REASON_PHRASES } from './reasons.js'
import { StatusCode } from './status-code.js'

/** The IANA HTTP Status Code Registry (permanent registrations). */
const IANA: ReadonlyArray<readonly [number, string]> = [
  [100, 'CONTINUE'],
  [101, 'SWITCHING_PROTOCOLS'],
  [102, 'PROCESSING'],
  [103, 'EARLY_HINTS'],
  [200, 'OK'],
  [201, 'CREATED'],
  [202, 'ACCEPTED'],
  [203, 'NON_AUTHORITATIVE_INFORMATION'],
  [204, 'NO_CONTENT'],
  [205, 'RESET_CONTENT'],
  [206, 'PARTIAL_CONTENT'],
  [207, 'MULTI_STATUS'],
  [208, 'ALREADY_REPORTED'],
  [226, 'IM_USED'],
  [300, 'MULTIPLE_CHOICES'],
  [301, 'MOVED_PERMANENTLY'],
  [302, 'FOUND'],
  [303, 'SEE_OTHER'],
  [304, 'NOT_MODIFIED'],
  [305, 'USE_PROXY'],
  [306, 'SWITCH_PROXY'],
  [307, 'TEMPORARY_REDIRECT'],
  [308, 'PERMANENT_REDIRECT'],
  [400, 'BAD_REQUEST'],
  [401, 'UNAUTHORIZED'],
  [402, 'PAYMENT_REQUIRED'],
  [403, 'FORBIDDEN'],
  [404, 'NOT_FOUND'],
  [405, 'METHOD_NOT_ALLOWED'],
  [406, 'NOT_ACCEPTABLE'],
  [407, 'PROXY_AUTHENTICATION_REQUIRED'],
  [408, 'REQUEST_TIMEOUT'],
  [409, 'CONFLICT'],
  [410, 'GONE'],
  [411, 'LENGTH_REQUIRED'],
  [412, 'PRECONDITION_FAILED'],
  [413, 'CONTENT_TOO_LARGE'],
  [414, 'URI_TOO_LONG'],
  [415, 'UNSUPPORTED_MEDIA_TYPE'],
  [416, 'RANGE_NOT_SATISFIABLE'],
  [417, 'EXPECTATION_FAILED'],
  [418, 'IM_A_TEAPOT'],
  [421, 'MISDIRECTED_REQUEST'],
  [422, 'UNPROCESSABLE_CONTENT'],
  [423, 'LOCKED'],
  [424, 'FAILED_DEPENDENCY'],
  [425, 'TOO_EARLY'],
  [426, 'UPGRADE_REQUIRED'],
  [428, 'PRECONDITION_REQUIRED'],
  [429, 'TOO_MANY_REQUESTS'],
  [431, 'REQUEST_HEADER_FIELDS_TOO_LARGE'],
  [451, 'UNAVAILABLE_FOR_LEGAL_REASONS'],
  [500, 'INTERNAL_SERVER_ERROR'],
  [501, 'NOT_IMPLEMENTED'],
  [502, 'BAD_GATEWAY'],
  [503, 'SERVICE_UNAVAILABLE'],
  [504, 'GATEWAY_TIMEOUT'],
  [505, 'HTTP_VERSION_NOT_SUPPORTED'],
  [506, 'VARIANT_ALSO_NEGOTIATES'],
  [507, 'INSUFFICIENT_STORAGE'],
  [508, 'LOOP_DETECTED'],
  [510, 'NOT_EXTENDED'],
  [511, 'NETWORK_AUTHENTICATION_REQUIRED'],
]

describe('StatusCode', () => {
  test.each(IANA)('%i is the interned constant %s with a canonical reason', (code, name) => {
    const constant = (StatusCode as unknown as Record<string, StatusCode>)[name]
    expect(constant).toBeInstanceOf(StatusCode)
    expect(StatusCode.from(code)).toBe(constant)
    expect(constant!.code).toBe(code)
    expect(constant!.canonicalReason()).toEqual(expect.stringMatching(/^[A-Za-z' -]+$/))
  })

  test('the reason table holds exactly the registered codes', () => {
    expect([...REASON_PHRASES.keys()]).toEqual(IANA.map(([code]) => code))
  })

  test.each([
    [200, 'OK'],
    [404, 'Not Found'],
    [413, 'Content Too Large'],
    [422, 'Unprocessable Content'],
    [431, 'Request Header Fields Too Large'],
  ])('%i reads %j', (code, reason) => {
    expect(StatusCode.from(code).canonicalReason()).toBe(reason)
  })

  test('older names are aliases of the same instances', () => {
    expect(StatusCode.PAYLOAD_TOO_LARGE).toBe(StatusCode.CONTENT_TOO_LARGE)
    expect(StatusCode.UNPROCESSABLE_ENTITY).toBe(StatusCode.UNPROCESSABLE_CONTENT)
  })

  test.each([100, 199, 299, 599, 600, 999])('accepts unregistered %i and interns it', (code) => {
    const status = StatusCode.from(code)
    expect(status.code).toBe(code)
    expect(StatusCode.from(code)).toBe(status)
  })

  test('unregistered codes have no canonical reason', () => {
    expect(StatusCode.from(599).canonicalReason()).toBeUndefined()
    expect(StatusCode.from(999).canonicalReason()).toBeUndefined()
  })

  test.each([0, 99, 1000, -200, 200.5, NaN, Infinity, -Infinity])('rejects %p', (code) => {
    expect(() => StatusCode.from(code)).toThrow(InvalidStatusCode)
  })

  test.each([
    [100, 'isInformational'],
    [199, 'isInformational'],
    [200, 'isSuccess'],
    [299, 'isSuccess'],
    [300, 'isRedirection'],
    [399, 'isRedirection'],
    [400, 'isClientError'],
    [499, 'isClientError'],
    [500, 'isServerError'],
    [599, 'isServerError'],
    [600, null],
    [999, null],
  ] as const)('%i: only %s is true', (code, which) => {
    const s = StatusCode.from(code)
    const all = {
      isInformational: s.isInformational(),
      isSuccess: s.isSuccess(),
      isRedirection: s.isRedirection(),
      isClientError: s.isClientError(),
      isServerError: s.isServerError(),
    }
    for (const [k, v] of Object.entries(all)) expect([k, v]).toEqual([k, k === which])
  })

  test('prints as three digits', () => {
    expect(`${StatusCode.NOT_FOUND}`).toBe('404')
    expect(JSON.stringify(StatusCode.OK)).toBe('200')
  })
})
