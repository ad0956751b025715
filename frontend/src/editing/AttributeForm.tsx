import { For, Match, Show, Switch } from 'solid-js'
import { label, lang } from '../i18n/locale.ts'
import type { Field } from './attribute-fields.ts'
import { et } from './editing-messages.ts'
import { ReferenceField } from './ReferenceField.tsx'

type Props = {
  fields: Field[]
  values: Record<string, string | boolean>
  errors: Record<string, string>
  onInput(name: string, value: string | boolean): void
  /** Picks the feature a reference field names by a click on the map. */
  onPick(field: Field): void
}

/** The attribute form generated from a layer's schema, with inline errors under each field. */
export function AttributeForm(props: Props) {
  const id = (name: string) => `attr-${name}`
  return (
    <div class="attribute-form">
      <For each={props.fields}>
        {(field) => {
          const error = () => props.errors[field.name]
          const common = () => ({
            id: id(field.name),
            name: field.name,
            'aria-invalid': error() ? true : undefined,
            'aria-describedby': error() ? `${id(field.name)}-error` : undefined,
            required: field.required,
          })
          const text = () => String(props.values[field.name] ?? '')
          return (
            <div class="field">
              <label for={id(field.name)}>
                {label(field.label)}
                <Show when={field.required}>
                  <span class="required"> ({et('required')})</span>
                </Show>
              </label>
              <Switch
                fallback={
                  <input
                    {...common()}
                    type={field.kind === 'url' ? 'url' : 'text'}
                    maxLength={field.maxLength}
                    value={text()}
                    onInput={(event) => props.onInput(field.name, event.currentTarget.value)}
                  />
                }
              >
                <Match when={field.kind === 'reference'}>
                  <ReferenceField
                    field={field}
                    id={id(field.name)}
                    value={text()}
                    onInput={(value) => props.onInput(field.name, value)}
                    onPick={() => props.onPick(field)}
                  />
                </Match>
                <Match when={field.kind === 'choice'}>
                  <select
                    {...common()}
                    value={text()}
                    onChange={(event) => props.onInput(field.name, event.currentTarget.value)}
                  >
                    <option value="">–</option>
                    <For each={field.choices}>
                      {(choice) => (
                        <option value={choice.key} selected={text() === choice.key}>
                          {choice.label[lang()]}
                        </option>
                      )}
                    </For>
                  </select>
                </Match>
                <Match when={field.kind === 'boolean'}>
                  <input
                    {...common()}
                    required={false}
                    type="checkbox"
                    checked={props.values[field.name] === true}
                    onChange={(event) => props.onInput(field.name, event.currentTarget.checked)}
                  />
                </Match>
                <Match when={field.kind === 'date'}>
                  <input
                    {...common()}
                    type="date"
                    value={text()}
                    onInput={(event) => props.onInput(field.name, event.currentTarget.value)}
                  />
                </Match>
                <Match when={field.kind === 'number' || field.kind === 'integer'}>
                  <input
                    {...common()}
                    type="number"
                    step={field.kind === 'integer' ? 1 : 'any'}
                    value={text()}
                    onInput={(event) => props.onInput(field.name, event.currentTarget.value)}
                  />
                </Match>
                <Match when={field.kind === 'longtext'}>
                  <textarea
                    {...common()}
                    rows={3}
                    maxLength={field.maxLength}
                    value={text()}
                    onInput={(event) => props.onInput(field.name, event.currentTarget.value)}
                  />
                </Match>
              </Switch>
              <Show when={error()}>
                <p class="field-error" id={`${id(field.name)}-error`}>
                  {error()}
                </p>
              </Show>
            </div>
          )
        }}
      </For>
    </div>
  )
}
