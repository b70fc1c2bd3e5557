import { describe, expect, it } from 'vitest';
import { documentYears, parseYear, previewOf, titleFromFileName } from './document-file';

describe('how a document is shown', () => {
  it('draws PDFs, even those a phone sent without their type', () => {
    expect(previewOf('application/pdf', 'ordonnance.pdf')).toBe('pdf');
    expect(previewOf('application/octet-stream', 'Compte-rendu.PDF')).toBe('pdf');
  });

  it('shows the images a browser can decode, and offers the rest for download', () => {
    expect(previewOf('image/png', 'radio.png')).toBe('image');
    expect(previewOf('image/jpeg', 'IMG_0001.JPG')).toBe('image');
    expect(previewOf('', 'scan.webp')).toBe('image');
    expect(previewOf('image/heic', 'IMG_0002.HEIC')).toBe('none');
    expect(previewOf('application/msword', 'lettre.doc')).toBe('none');
    expect(previewOf(undefined, undefined)).toBe('none');
  });
});

describe('a new document', () => {
  it('is titled after its file, without the extension', () => {
    expect(titleFromFileName('Ordonnance Dr Martin.pdf')).toBe('Ordonnance Dr Martin');
    expect(titleFromFileName('analyse.2024.05.jpeg')).toBe('analyse.2024.05');
    expect(titleFromFileName('sans extension')).toBe('sans extension');
    expect(titleFromFileName('.pdf')).toBe('.pdf');
  });
});

describe('the year filter', () => {
  it('offers each year documents are dated in, newest first', () => {
    const documents = [
      { date: '2023-02-01' },
      { date: '2024-11-30' },
      { date: '2023-12-31' },
      { date: undefined },
      { date: 'not a date' },
    ];
    expect(documentYears(documents)).toEqual([2024, 2023]);
    expect(documentYears([])).toEqual([]);
  });

  it('reads a year, and anything else as every year', () => {
    expect(parseYear('2024')).toBe(2024);
    expect(parseYear('')).toBeUndefined();
    expect(parseYear('20x4')).toBeUndefined();
  });
});
