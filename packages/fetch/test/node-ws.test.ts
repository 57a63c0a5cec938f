import { createNodeWebSocket } from '@hono/node-ws'
import { Hono } from 'hono'
import { WebSocket } from 'ws'
import type { RawData } from 'ws'
import { start, stopAll } from './support.js'

afterEach(stopAll)

describe('@hono/node-ws on @touche/fetch', () => {
  it('serves a Hono app with upgradeWebSocket, injected into the touche server', async () => {
    const app = new Hono()
    const { injectWebSocket, upgradeWebSocket } = createNodeWebSocket({ app })
    app.get('/', (c) => c.text('plain route'))
    app.get(
      '/ws',
      upgradeWebSocket(() => ({
        onMessage(event, ws) {
          ws.send(`echo: ${String(event.data)}`)
        },
      }))
    )
    const { handle, url, port } = await start(app.fetch)
    injectWebSocket(handle as unknown as Parameters<typeof injectWebSocket>[0])
    expect(await (await fetch(url + '/')).text()).toBe('plain route')
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`)
    try {
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve())
        ws.once('error', reject)
      })
      const reply = new Promise<string>((resolve) =>
        ws.once('message', (data: RawData) => resolve(String(data)))
      )
      ws.send('hi')
      expect(await reply).toBe('echo: hi')
    } finally {
      ws.terminate()
    }
  })
})
