/** The drag payload from the palette to the canvas: an operator kind under our own MIME type. */
export const OPERATOR_KIND_MIME = 'application/x-sluice-operator-kind';
