import { format } from 'node:util'
import { onTestFinished, vi } from 'vitest'

const methods = ['log', 'info', 'warn', 'error', 'debug'] as const

/** Captures what console.log/info/warn/error/debug would print, as they would print it, until restored or the test ends. */
export function captureConsole(): { text(): string; restore(): void } {
  const printed: string[] = []
  const spies = methods.map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(format(...args))
    }),
  )
  const restore = () => {
    for (const spy of spies) spy.mockRestore()
  }
  onTestFinished(restore)
  return { text: () => printed.join('\n'), restore }
}
