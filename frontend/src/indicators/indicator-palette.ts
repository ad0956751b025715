// The choropleths' colours: ColorBrewer's sequential YlOrRd (Brewer and Harrower, colorbrewer2.org),
// marked safe for colour-blind readers and for print; darker always means more need of support.
// With fewer classes, evenly spaced steps of the nine keep the ends and the contrast.
const ylOrRd9 = [
  '#ffffcc',
  '#ffeda0',
  '#fed976',
  '#feb24c',
  '#fd8d3c',
  '#fc4e2a',
  '#e31a1c',
  '#bd0026',
  '#800026',
]

/**
 * The colour of each class (1 = lowest values) for `count` classes. Where a higher value is
 * better, the scale runs the other way, so that low values are the dark ones.
 */
export function classColours(count: number, higherIs: 'worse' | 'better'): string[] {
  const steps = Array.from({ length: count }, (_, i) =>
    count === 1 ? ylOrRd9[8] : ylOrRd9[Math.round((i * 8) / (count - 1))],
  ) as string[]
  return higherIs === 'worse' ? steps : steps.reverse()
}
