/**
 * Gives the focus back, when the calling sheet or dialog closes, to the element that had it
 * when it opened (the button or link that opened it), if the closing left the focus nowhere.
 * Call it where the sheet is created; it registers its own cleanup.
 */
import { onCleanup } from 'solid-js'

export function makeFocusReturn(): void {
  const opener = document.activeElement
  onCleanup(() => {
    // After the sheet's elements are gone: a focused element inside them leaves the focus on <body>.
    queueMicrotask(() => {
      const lost = !document.activeElement || document.activeElement === document.body
      if (lost && opener instanceof HTMLElement && opener.isConnected) opener.focus()
    })
  })
}
