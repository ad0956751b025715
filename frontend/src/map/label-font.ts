import latinRegular from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url'
import latinBold from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url'
import latinExtRegular from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url'
import latinExtBold from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff2?url'
import { labelFonts } from './font-stacks.ts'

// Map labels without internet: the style has no `glyphs` URL, so MapLibre draws each glyph in the
// browser (TinySDF) with the CSS font family named in `text-font`. We ship Noto Sans (OFL, from
// @fontsource) with the app and register it under the font-stack names the style uses, so labels
// look the same on every device and no glyph server is needed.

const latin =
  'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD'
const latinExt =
  'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF'

/**
 * Loads the label fonts before the first glyph is drawn (a glyph drawn earlier would be cached in
 * the fallback font); gives up after `timeoutMs` so a slow font never holds the map back.
 */
export async function loadLabelFonts(timeoutMs = 2000): Promise<void> {
  const faces = [
    new FontFace(labelFonts.regular[0], `url(${latinRegular})`, { unicodeRange: latin }),
    new FontFace(labelFonts.regular[0], `url(${latinExtRegular})`, { unicodeRange: latinExt }),
    new FontFace(labelFonts.bold[0], `url(${latinBold})`, { unicodeRange: latin }),
    new FontFace(labelFonts.bold[0], `url(${latinExtBold})`, { unicodeRange: latinExt }),
  ]
  for (const face of faces) document.fonts.add(face)
  const loaded = Promise.all(faces.map((face) => face.load())).then(() => undefined)
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))
  await Promise.race([loaded.catch(() => undefined), timeout])
}
