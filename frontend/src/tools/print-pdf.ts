import type { Swatch } from '../map/map-style.ts'
import type { MapSnapshot } from '../map/map-tools.ts'

// A PDF of the map view, made in the browser: the map canvas as a picture with a title, the
// legend of the layers in view, a scale bar, a north arrow, the attribution, the date and the
// link. jsPDF (MIT, maintained since 2010) loads only here, when someone prints.

export type Paper = 'a4' | 'a3'
export type Orientation = 'portrait' | 'landscape'
export type PrintLegend = { title: string; entries: { label: string; swatch: Swatch }[] }[]
export type PrintRequest = {
  title: string
  paper: Paper
  orientation: Orientation
  snapshot: MapSnapshot
  legend: PrintLegend
  /** Words printed on the sheet, in the user's language. */
  words: { legend: string; date: string; source: string; scale: string }
  date: string
  url: string
}

const margin = 10
const legendWidth = 52
const footerHeight = 18

/** The largest 1-2-5 length in metres not longer than `metres`. */
export function niceLength(metres: number): number {
  const power = 10 ** Math.floor(Math.log10(metres))
  const steps = [5, 2, 1].map((step) => step * power)
  return steps.find((step) => step <= metres) ?? power
}

/** The PDF of `request` as a Blob; `save` also offers it for download. */
export async function makePdf(request: PrintRequest, save = true): Promise<Blob> {
  const { jsPDF } = await import('jspdf')
  const doc = new jsPDF({ orientation: request.orientation, unit: 'mm', format: request.paper })
  const pageWidth = doc.internal.pageSize.getWidth()
  const pageHeight = doc.internal.pageSize.getHeight()
  doc.setProperties({ title: request.title, creator: 'Quartiersatlas' })

  doc.setFont('helvetica', 'bold')
  doc.setFontSize(16)
  doc.text(request.title, margin, margin + 6)

  // The map, as large as the page allows beside the legend, in the view's proportions.
  const top = margin + 12
  const boxWidth = pageWidth - 2 * margin - legendWidth - 4
  const boxHeight = pageHeight - top - margin - footerHeight
  const { snapshot } = request
  const ratio = Math.min(boxWidth / snapshot.width, boxHeight / snapshot.height)
  const mapWidth = snapshot.width * ratio
  const mapHeight = snapshot.height * ratio
  doc.addImage(snapshot.image, 'PNG', margin, top, mapWidth, mapHeight)
  doc.setDrawColor('#555555')
  doc.setLineWidth(0.3)
  doc.rect(margin, top, mapWidth, mapHeight)

  northArrow(doc, margin + mapWidth - 8, top + 10, snapshot.bearing)
  const metresPerMm = snapshot.metresPerPixel / ratio
  scaleBar(doc, margin + 4, top + mapHeight - 5, metresPerMm, request.words.scale)

  legend(doc, request, margin + mapWidth + 4, top, top + boxHeight)

  // Footer: date, attribution and the link that reproduces the view.
  doc.setFont('helvetica', 'normal')
  doc.setFontSize(8)
  doc.setTextColor('#222222')
  const footerTop = top + mapHeight + 5
  const width = pageWidth - 2 * margin
  const lines = [
    `${request.words.date}: ${request.date}`,
    ...doc.splitTextToSize(`${request.words.source}: ${credits(request.snapshot.attribution)}`, width),
    ...doc.splitTextToSize(request.url, width),
  ]
  doc.text(lines, margin, footerTop)

  const blob = doc.output('blob')
  if (save) doc.save(`${request.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'karte'}.pdf`)
  return blob
}

/** The map's attribution with our own data named after it. */
function credits(attribution: string): string {
  return attribution ? `${attribution} | Quartiersatlas` : 'Quartiersatlas'
}

type Doc = InstanceType<typeof import('jspdf')['jsPDF']>

function northArrow(doc: Doc, x: number, y: number, bearing: number) {
  const angle = (-bearing * Math.PI) / 180
  const at = (dx: number, dy: number): [number, number] => [
    x + dx * Math.cos(angle) - dy * Math.sin(angle),
    y + dx * Math.sin(angle) + dy * Math.cos(angle),
  ]
  const [tipX, tipY] = at(0, -6)
  const [leftX, leftY] = at(-3, 4)
  const [rightX, rightY] = at(3, 4)
  doc.setFillColor('#ffffff')
  doc.circle(x, y, 8, 'F')
  doc.setFillColor('#222222')
  doc.triangle(tipX, tipY, leftX, leftY, rightX, rightY, 'F')
  doc.setFont('helvetica', 'bold')
  doc.setFontSize(8)
  doc.setTextColor('#222222')
  const [labelX, labelY] = at(0, 7.5)
  doc.text('N', labelX, labelY, { align: 'center' })
}

function scaleBar(doc: Doc, x: number, y: number, metresPerMm: number, scaleWord: string) {
  const metres = niceLength(metresPerMm * 40)
  const length = metres / metresPerMm
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`
  doc.setFillColor('#ffffff')
  doc.rect(x - 2, y - 7, Math.max(length, 30) + 4, 9, 'F')
  doc.setDrawColor('#222222')
  doc.setLineWidth(0.5)
  doc.line(x, y, x + length, y)
  doc.line(x, y - 1.5, x, y)
  doc.line(x + length, y - 1.5, x + length, y)
  doc.setFont('helvetica', 'normal')
  doc.setFontSize(7)
  doc.setTextColor('#222222')
  const denominator = Math.round((metresPerMm * 1000) / 100) * 100
  doc.text(`${label}  (${scaleWord} 1:${denominator.toLocaleString('de-DE')})`, x, y - 2.5)
}

function legend(doc: Doc, request: PrintRequest, x: number, top: number, bottom: number) {
  let y = top + 4
  doc.setTextColor('#222222')
  doc.setFont('helvetica', 'bold')
  doc.setFontSize(10)
  doc.text(request.words.legend, x, y)
  y += 5
  for (const layer of request.legend) {
    if (y > bottom - 4) break
    doc.setFont('helvetica', 'bold')
    doc.setFontSize(8)
    doc.text(layer.title, x, y)
    y += 4
    doc.setFont('helvetica', 'normal')
    doc.setFontSize(7)
    for (const entry of layer.entries) {
      if (y > bottom - 2) break
      swatch(doc, entry.swatch, x, y - 2.5)
      const text = doc.splitTextToSize(entry.label, legendWidth - 10) as string[]
      doc.text(text, x + 9, y)
      y += 3.4 * text.length + 0.6
    }
    y += 1.5
  }
}

function swatch(doc: Doc, spec: Swatch, x: number, y: number) {
  if (spec.kind === 'fill') {
    doc.setFillColor(spec.colour)
    doc.setDrawColor(spec.outline)
    doc.setLineWidth(0.4)
    doc.rect(x, y, 7, 3, 'FD')
  } else if (spec.kind === 'line') {
    doc.setDrawColor(spec.colour)
    doc.setLineWidth(Math.min(spec.width, 3) * 0.3)
    doc.line(x, y + 1.5, x + 7, y + 1.5)
  } else {
    doc.setFillColor(spec.colour)
    doc.circle(x + 3.5, y + 1.5, 1.4, 'F')
  }
}
