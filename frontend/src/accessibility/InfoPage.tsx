import { For, type JSX, onMount, Show } from 'solid-js'
import { t } from '../i18n/locale.ts'
import type { Section } from './statement-text.ts'

/**
 * A page of running text over the map (the statement, the easy-language page): its heading takes
 * the focus when it opens, so that screen readers start reading there.
 */
export function InfoPage(props: {
  id: string
  title: string
  sections: readonly Section[]
  onClose: () => void
  children?: JSX.Element
}) {
  let heading!: HTMLHeadingElement
  onMount(() => heading.focus())
  return (
    <article class="info-page sheet" aria-labelledby={`${props.id}-title`}>
      <div class="sheet-head">
        <h2 id={`${props.id}-title`} ref={heading} tabIndex={-1}>
          {props.title}
        </h2>
        <button type="button" class="close" aria-label={t('close')} onClick={() => props.onClose()}>
          ×
        </button>
      </div>
      <For each={props.sections}>
        {(section) => (
          <section>
            <h3>{section.heading}</h3>
            <For each={section.paragraphs}>{(paragraph) => <p>{paragraph}</p>}</For>
            <Show when={section.items}>
              {(items) => (
                <ul>
                  <For each={items()}>{(item) => <li>{item}</li>}</For>
                </ul>
              )}
            </Show>
          </section>
        )}
      </For>
      {props.children}
    </article>
  )
}
