/** The font stacks our label layers use (drawn locally, see label-font.ts). */
export const labelFonts = { regular: ['Noto Sans Regular'], bold: ['Noto Sans Bold'] } as const
