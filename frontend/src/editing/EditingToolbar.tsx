import { For, onCleanup } from 'solid-js'
import { type EditingMessage, et } from './editing-messages.ts'

// The editing toolbar: every tool is a button with a visible short label; its accessible name is
// what it shows (label and key, first, for speech control: WCAG 2.5.3) and then its full name,
// which is also the tooltip; and its keyboard shortcut shown (single keys while the focus is not in a form
// field; Ctrl/⌘+Z and +Shift+Z or +Y for undo/redo).

export type ToolAction =
  | 'drawPolygon'
  | 'drawLine'
  | 'drawPoint'
  | 'editSelected'
  | 'split'
  | 'hole'
  | 'merge'
  | 'buffer'
  | 'undo'
  | 'redo'
  | 'snapping'

type Tool = {
  action: Exclude<ToolAction, 'snapping'>
  short: EditingMessage
  key: string
  shown: string
  symbol: string
}

const tools: Tool[] = [
  { action: 'drawPolygon', short: 'toolPolygon', key: 'P', shown: 'P', symbol: '▱' },
  { action: 'drawLine', short: 'toolLine', key: 'L', shown: 'L', symbol: '╱' },
  { action: 'drawPoint', short: 'toolPoint', key: 'O', shown: 'O', symbol: '•' },
  { action: 'editSelected', short: 'toolEdit', key: 'E', shown: 'E', symbol: '✎' },
  { action: 'split', short: 'toolSplit', key: 'S', shown: 'S', symbol: '✂' },
  { action: 'hole', short: 'toolHole', key: 'H', shown: 'H', symbol: '◌' },
  { action: 'merge', short: 'toolMerge', key: 'M', shown: 'M', symbol: '⊕' },
  { action: 'buffer', short: 'toolBuffer', key: 'B', shown: 'B', symbol: '⇔' },
  { action: 'undo', short: 'toolUndo', key: 'Control+Z', shown: 'Ctrl+Z', symbol: '↶' },
  { action: 'redo', short: 'toolRedo', key: 'Control+Shift+Z', shown: 'Ctrl+⇧+Z', symbol: '↷' },
]

/** The shortcut as printed on the keyboard in the current language (Strg on German ones). */
const printed = (tool: Tool) => tool.shown.replace('Ctrl', et('ctrl'))

type Props = { run(action: ToolAction): void; snapping: boolean }

/** The toolbar; registers its shortcuts on the document and removes them with the component. */
export function EditingToolbar(props: Props) {
  const onKey = (event: KeyboardEvent) => {
    const element = event.target as HTMLElement | null
    if (element?.closest('input, textarea, select')) return
    const key = event.key.toLowerCase()
    if (event.ctrlKey || event.metaKey) {
      if (key === 'z' || key === 'y') {
        event.preventDefault()
        props.run(key === 'y' || event.shiftKey ? 'redo' : 'undo')
      }
      return
    }
    if (event.altKey) return
    if (key === 'n') return props.run('snapping')
    const tool = tools.find((t) => t.key.length === 1 && t.key.toLowerCase() === key)
    if (tool) props.run(tool.action)
  }
  document.addEventListener('keydown', onKey)
  onCleanup(() => document.removeEventListener('keydown', onKey))
  return (
    <div role="toolbar" aria-label={et('editing')} class="editing-toolbar">
      <For each={tools}>
        {(tool) => (
          <button
            type="button"
            class="tool"
            title={`${et(tool.action)} (${et('shortcut')} ${printed(tool)})`}
            aria-keyshortcuts={tool.key}
            onClick={() => props.run(tool.action)}
          >
            <span class="symbol" aria-hidden="true">
              {tool.symbol}
            </span>
            <span class="tool-label">{et(tool.short)}</span> <kbd>{printed(tool)}</kbd>
            <span class="visually-hidden"> ({et(tool.action)})</span>
          </button>
        )}
      </For>
      <button
        type="button"
        class="tool snapping-switch"
        title={`${et('snapping')} (${et('shortcut')} N)`}
        aria-keyshortcuts="N"
        aria-pressed={props.snapping}
        onClick={() => props.run('snapping')}
      >
        <span class="switch-track" aria-hidden="true">
          <span class="switch-thumb" />
        </span>
        <span class="tool-label">{et(props.snapping ? 'snappingOn' : 'snappingOff')}</span> <kbd>N</kbd>
        <span class="visually-hidden"> ({et('snapping')})</span>
      </button>
    </div>
  )
}
