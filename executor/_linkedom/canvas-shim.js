// RipTide: linkedom's canvas fallback (commonjs/canvas-shim.cjs in the published
// package) as an ES module; see README.md.
class Canvas {
  constructor(width, height) {
    this.width = width;
    this.height = height;
  }
  getContext() {
    return null;
  }
  toDataURL() {
    return '';
  }
}

export default {
  createCanvas: (width, height) => new Canvas(width, height),
};
