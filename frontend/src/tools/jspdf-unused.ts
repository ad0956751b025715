// jsPDF loads canvg, html2canvas and DOMPurify only for doc.html() and SVG images, which print
// does not use. Resolving them here keeps their CommonJS (core-js) and its interop helpers out of
// the build; the helpers would otherwise land in the map page's first load (vite.config.ts).
export default {}
