import type { Swatch as SwatchSpec } from '../map/map-style.ts'

const dashArray = { solid: undefined, dashed: '6 3', dotted: '1 3' } as const

/** A legend symbol drawn from the same style definition the map uses. */
export function Swatch(props: { swatch: SwatchSpec }) {
  return (
    <svg class="swatch" width="28" height="18" viewBox="0 0 28 18" aria-hidden="true">
      {(() => {
        const swatch = props.swatch
        if (swatch.kind === 'fill')
          return (
            <rect
              x="2"
              y="2"
              width="24"
              height="14"
              fill={swatch.colour}
              fill-opacity="0.45"
              stroke={swatch.outline}
              stroke-width="2"
              stroke-dasharray={dashArray[swatch.dash]}
              stroke-linecap="round"
            />
          )
        if (swatch.kind === 'line')
          return (
            <line
              x1="2"
              y1="9"
              x2="26"
              y2="9"
              stroke={swatch.colour}
              stroke-width={swatch.width}
              stroke-dasharray={dashArray[swatch.dash]}
              stroke-linecap="round"
            />
          )
        return <circle cx="14" cy="9" r="6" fill={swatch.colour} stroke="#fff" stroke-width="1.5" />
      })()}
    </svg>
  )
}
