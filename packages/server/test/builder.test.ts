import { DEFAULT_DIRECT_READS, Response, Server } from '../src/index.js'
import type { ServerHandle, ServerOptions } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req } from './support/serve.js'

const handles: ServerHandle[] = []

afterEach(async () => {
  await cleanup()
  await Promise.all(handles.splice(0).map((h) => h.close({ timeout: 0 })))
})

const hello = (): Response<string> => Response.builder().body('hi')
const onError = (): void => undefined

/** Every setter of the builder, the option it sets, and a value other than the default. */
const setters: Array<[keyof ServerOptions, unknown]> = [
  ['headerReadTimeout', 1_234],
  ['keepAliveTimeout', 2_345],
  ['bodyReadTimeout', 3_456],
  ['bodyMinRate', 77],
  ['bodyRateGrace', 4_567],
  ['requestTimeout', 5_678],
  ['halfCloseTimeout', 6_789],
  ['drainTimeout', 789],
  ['maxDrainBytes', 1_000],
  ['maxPipelinedRequests', 3],
  ['maxRequestsPerConnection', 9],
  ['maxConnections', 11],
  ['backlog', 64],
  ['bodyHighWaterMark', 4_096],
  ['keepAlive', false],
  ['shutdownGrace', 99],
  ['titleCaseHeaders', true],
  ['directReads', !DEFAULT_DIRECT_READS],
  ['maxReadSize', 131_072],
  ['onError', onError],
]

describe('ServerBuilder', () => {
  it.each(setters)('%s() sets the option', async (name, value) => {
    const builder = Server.builder() as unknown as Record<string, (v: unknown) => unknown>
    builder[name]!(value)
    const handle = await (builder as unknown as ReturnType<typeof Server.builder>)
      .bind('127.0.0.1:0')
      .serve(hello)
    handles.push(handle)
    expect(handle.options[name]).toBe(value)
  })

  it('limits() sets the parser limits, keeping the other defaults', async () => {
    const handle = await Server.builder().limits({ maxHeaders: 7 }).bind('127.0.0.1:0').serve(hello)
    handles.push(handle)
    expect(handle.options.limits.maxHeaders).toBe(7)
    expect(handle.options.limits.maxHeadBytes).toBeGreaterThan(0)
  })

  it('options() sets several at once, and a setter after it wins', async () => {
    const handle = await Server.builder()
      .options({ keepAliveTimeout: 10, drainTimeout: 20 })
      .keepAliveTimeout(30)
      .bind('127.0.0.1:0')
      .serve(hello)
    handles.push(handle)
    expect(handle.options.keepAliveTimeout).toBe(30)
    expect(handle.options.drainTimeout).toBe(20)
  })

  it('covers every option with a setter', () => {
    const proto = Object.getOwnPropertyNames(Object.getPrototypeOf(Server.builder()))
    const names = setters.map(([name]) => name as string)
    for (const name of proto) {
      if (
        [
          'constructor',
          'options',
          'bind',
          'bindTls',
          'bindUnix',
          'serve',
          'makeService',
          'listen',
          'reusePort',
          'limits',
        ].includes(name)
      )
        continue
      expect(names).toContain(name)
    }
  })

  it('rejects a backlog that is not a positive integer', async () => {
    await expect(Server.builder().backlog(0).bind('127.0.0.1:0').serve(hello)).rejects.toThrow(
      RangeError
    )
  })

  it('serves with a custom backlog', async () => {
    const handle = await Server.builder().backlog(2048).bind('127.0.0.1:0').serve(hello)
    handles.push(handle)
    const c = await connect({ port: handle.address.port })
    expect((await c.request(req('GET', '/'))).body.toString()).toBe('hi')
  })
})
