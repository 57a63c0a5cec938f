import { Response, Server, serveConnection } from '../src/index.js'
import type { Body, Handler, Request, Service, ServiceObject } from '../src/index.js'
import { duplexPair } from './support/duplex-pair.js'

// Type tests: each `@ts-expect-error` fails the type-check (`tsconfig.spec.json`) when the line
// below it compiles, so these keep wrong services from compiling.

const ok: Handler = () => Response.builder().body('ok')

describe('service types', () => {
  it('accepts handlers and service objects, and refuses what is neither', () => {
    const services: Service[] = [
      ok,
      async () => Response.builder().body('later'),
      { call: ok },
      { call: ok, shouldContinue: () => true },
    ]
    // @ts-expect-error a handler must return a Response
    const answer: Service = () => 42
    // @ts-expect-error a handler takes the request, not a number
    const numeric: Service = (req: number) => req
    // @ts-expect-error a string body is not a Response
    const text: Service = () => 'hi'
    // @ts-expect-error a service object needs call()
    const empty: ServiceObject = {}
    void [answer, numeric, text, empty]
    expect(services).toHaveLength(4)
  })

  it('serve() and serveConnection() refuse a function that is not a handler', () => {
    const builder = Server.builder().bind('127.0.0.1:0')
    const refused = (): void => {
      // @ts-expect-error serve() of a function returning a number
      void builder.serve(() => 42)
      // @ts-expect-error serve() of a function of a number
      void builder.serve((req: number) => req)
      const [server] = duplexPair()
      // @ts-expect-error serveConnection() of a function returning a number
      void serveConnection(server, () => 42)
    }
    expect(typeof refused).toBe('function')
    const echo = (req: Request<Body>): Response<Body> => Response.builder().body(req.body)
    expect(typeof echo).toBe('function')
  })
})
