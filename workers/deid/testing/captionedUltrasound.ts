/**
 * An ultrasound-like picture with a patient's name and birth date burned in, for tests of the
 * burned-in text path (Node: drawn with sharp from SVG): a grey sector on black, the caption top left.
 */
import sharp from 'sharp';

export const ULTRASOUND_WIDTH = 480;
export const ULTRASOUND_HEIGHT = 360;
const caption = (text: string) => `<text x="14" y="30" font-family="DejaVu Sans" font-size="20" fill="#f0f0f0">${text}</text>`;
const SECTOR = '<path d="M240 50 L70 330 A320 320 0 0 0 410 330 Z" fill="#505050"/>';

async function grey(body: string): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${ULTRASOUND_WIDTH}" height="${ULTRASOUND_HEIGHT}"><rect width="${ULTRASOUND_WIDTH}" height="${ULTRASOUND_HEIGHT}" fill="#000"/>${body}</svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).greyscale().raw().toBuffer());
}

/** 8-bit grey pixels, row-major: the picture, and the caption alone (where its ink is). `text`: plain letters, digits, spaces and slashes. */
export async function captionedUltrasound(text = 'YAMADA TARO 1962/03/04'): Promise<{ readonly pixels: Uint8Array; readonly ink: Uint8Array }> {
  return { pixels: await grey(SECTOR + caption(text)), ink: await grey(caption(text)) };
}
