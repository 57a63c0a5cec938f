/** The echo service on touche: reads the whole body, then answers as `echoPlan` says. */
import { setTimeout as delay } from 'node:timers/promises'
import { Body, Response } from '@touche/server'
import type { Service } from '@touche/server'
import { ECHO_DELAY_MS, echoPlan } from '../echo.js'

/**
 * The fuzz target's service. A body that cannot be read (malformed, cut short) rejects
 * `bytes()`, and the rejection is left to the server, which answers with the error's status.
 *
 * @example
 * ```ts
 * await Server.bind('127.0.0.1:0').serve(toucheEcho)
 * ```
 */
export const toucheEcho: Service = async (req) => {
  const body = await req.body.bytes()
  const plan = echoPlan(req.method.toString(), req.uri.toString(), body)
  if (plan.shape === 'delayed') await delay(ECHO_DELAY_MS)
  const res = Response.builder().status(plan.status).header('x-echo', plan.echo)
  switch (plan.shape) {
    case 'no-content':
      return res.body(null)
    case 'stream':
      return res.body(Body.from(halves(plan.body)))
    case 'fixed':
    case 'delayed':
      return res.body(plan.body)
  }
}

/** The text in two chunks, the second after a turn of the event loop: a body of unknown length. */
async function* halves(text: string): AsyncGenerator<string> {
  const mid = text.length >> 1
  yield text.slice(0, mid)
  await delay(0)
  yield text.slice(mid)
}
