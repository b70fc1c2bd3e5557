import { readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BIN_RETENTION_MS, deleteEntry, getEntry, listEntries, purgeBin } from '../record';
import {
  CdaTooLargeError,
  MAX_CDA_CHARS,
  NotCdaError,
  applyCdaImport,
  comparePatient,
  countNarrative,
  narrativeText,
  previewCdaImport,
  type CdaImportPreview,
  type NarrativeNode,
  type NarrativeSection,
} from './cda-import';
import { importKeysMap } from './import-keys';

const CDA_DIR = new URL('../../../../shared/data/cda/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, CDA_DIR), 'utf8');

/** A minimal CI-SIS-like document around `body` (a structuredBody's components, or a nonXMLBody). */
function cda(body: string, header = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <id root="1.2.3.4" extension="test-${Math.random()}"/>
  <code code="11502-2" codeSystem="2.16.840.1.113883.6.1" displayName="CR d'examens biologiques"/>
  <title>Essai</title>
  <effectiveTime value="20240305101500+0100"/>
  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
  ${header}
  <recordTarget><patientRole>
    <id root="1.2.250.1.213.1.4.10" extension="279035121518989"/>
    <patient><name><family qualifier="BR">PAT-TROIS</family><given>DOMINIQUE</given></name>
      <administrativeGenderCode code="F" codeSystem="2.16.840.1.113883.5.1"/>
      <birthTime value="19790328"/></patient>
  </patientRole></recordTarget>
  <component>${body.trim().startsWith('<nonXMLBody') ? body : `<structuredBody>${body}</structuredBody>`}</component>
</ClinicalDocument>`;
}

const section = (title: string, text: string, entries = '') =>
  `<component><section><title>${title}</title><text>${text}</text>${entries}</section></component>`;

function titles(sections: readonly NarrativeSection[]): string[] {
  return sections.flatMap((s) => [s.title ?? '(untitled)', ...titles(s.sections)]);
}

function allText(sections: readonly NarrativeSection[]): string {
  return sections
    .map((s) => `${s.title ?? ''}\n${narrativeText(s.blocks)}${allText(s.sections)}`)
    .join('');
}

function fakeVault() {
  const stored: { bytes: Uint8Array; mime: string }[] = [];
  return {
    stored,
    storeFile: async (bytes: Uint8Array, mime: string) => {
      stored.push({ bytes, mime });
      return {
        fileId: `file${String(stored.length).padStart(18, '0')}`,
        size: bytes.length,
        contentHash: bytesToHex(sha256(bytes)),
      };
    },
  };
}

// Expected values read by hand in each file (header: <title>, <effectiveTime>, the first
// <author>'s assignedPerson and representedOrganization, <code>); narrative counts are the
// <section>, <table>, <list> and <renderMultiMedia> elements of each structuredBody, counted with
// an XPath over the file (sections without text or subsections would be left out: there are none).
describe('the CI-SIS example documents', () => {
  it('reads the lab report (BIO-CR-BIO): header, tables, and TSH/FT4 reported as not mapped', () => {
    const preview = previewCdaImport(read('BIO-CR-BIO_2024.01_TSH_1.xml'));
    expect(preview.document.fields).toEqual({
      title: "Compte rendu d'examens biologiques",
      type: 'lab-result',
      date: '2021-04-01',
      author: 'Marcel CAMPARINI, Laboratoire des charmes',
    });
    expect(preview.document).toMatchObject({ code: '11502-2', typeMapped: true });
    expect(preview.file).toEqual({ kind: 'original', mime: 'text/xml' });
    expect(preview.counts).toEqual({ document: 1 });
    expect(countNarrative(preview.narrative)).toMatchObject({ sections: 3, tables: 2, lists: 0 });
    expect(titles(preview.narrative)).toEqual(['BIOCHIMIE', '(untitled)', 'Copie du document']);
    expect(allText(preview.narrative)).toContain('Thyréostimuline (TSH)');
    expect(allText(preview.narrative)).toContain('1.950 mUI/l');
    // TSH and free T4 are LOINC results with PQ values, but Carnet has no such measure.
    const notMapped = preview.unmapped.filter((u) => u.reason === 'measure-not-in-carnet');
    expect(notMapped.map((u) => [u.code, u.section])).toEqual([
      ['3016-3', 'BIOCHIMIE'],
      ['3024-7', 'BIOCHIMIE'],
    ]);
    // The PDF copy is referenced by a renderMultiMedia: not shown, and said so.
    expect(preview.unmapped.filter((u) => u.reason === 'multimedia')).toHaveLength(1);
  });

  it('reads the reimbursement history (CNAM-HR): not a LOINC type, vaccinations without dates', () => {
    const preview = previewCdaImport(read('CNAM-HR_2021.01.xml'));
    expect(preview.document.fields).toEqual({
      title: 'Données de remboursement',
      type: 'other',
      date: '2019-07-01',
      author: 'Assurance Maladie', // an authoring device, no person
    });
    expect(preview.document).toMatchObject({ code: 'REMB', typeMapped: false });
    expect(preview.counts).toEqual({ document: 1 });
    expect(countNarrative(preview.narrative)).toMatchObject({ sections: 8, tables: 7, lists: 0 });
    // Three vaccinations, each with effectiveTime nullFlavor="UNK".
    expect(preview.unmapped.filter((u) => u.reason === 'vaccination-without-date')).toHaveLength(3);
    const medicines = preview.unmapped.filter((u) => u.section === 'Médicaments');
    expect(medicines.map((u) => u.label)).toEqual([
      'LUDEAL CPR3/21',
      'CRESTOR 5MG CPR9/10',
      'PRODUIT HOMEOPATHIQUE',
    ]);
    expect(medicines.every((u) => u.reason === 'not-imported')).toBe(true);
  });

  it('extracts the embedded PDF of the unstructured document (nonXMLBody)', () => {
    const preview = previewCdaImport(read('DOC_NON_STRUCTURE_CDA-R2-N1.xml'));
    expect(preview.document.fields).toMatchObject({
      title: "Compte rendu d'examens biologiques",
      type: 'lab-result',
      date: '2021-04-01',
    });
    expect(preview.narrative).toEqual([]);
    expect(preview.file.kind).toBe('pdf');
    if (preview.file.kind !== 'pdf') return;
    const { bytes } = preview.file;
    // Decoded independently (Python's base64 module): 326,650 bytes, "%PDF-1.5" … "%%EOF".
    expect(bytes.length).toBe(326_650);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('%PDF-1.5');
    expect(bytesToHex(sha256(bytes))).toBe(
      '72cbc4c926baf2817c7f9013a5f898c2254c84db2d3fad6febf22b64abd01529',
    );
    expect(preview.unmapped).toEqual([]);
  });

  it('reads the imaging report (IMG-CR-IMG): nested sections, lists, tables, links as text', () => {
    const text = read('IMG_CR_IMG_2024.01.xml');
    const preview = previewCdaImport(text);
    expect(preview.document.fields).toEqual({
      title: 'CR d’imagerie médicale - Scanner Tête + Cou + Thorax avec injection',
      type: 'imaging',
      date: '2021-01-08',
      author: 'Jacques BIDEAULT, Centre de radiologie Ambroise',
    });
    expect(preview.counts).toEqual({ document: 1 });
    expect(countNarrative(preview.narrative)).toMatchObject({
      sections: 23,
      tables: 22,
      lists: 2,
      omitted: 1,
    });
    const results = preview.narrative.find((s) => s.title === 'Résultats')!;
    const lists = results.blocks.filter((b) => b.type === 'list');
    expect(lists.map((l) => (l.type === 'list' ? l.items.length : 0))).toEqual([4, 7]);
    expect(narrativeText(results.blocks)).toContain("Pas d'embolie pulmonaire proximale.");
    const info = preview.narrative.find((s) => s.title === 'Informations cliniques')!;
    expect(info.sections.map((s) => s.title)).toEqual([
      "Justification de la demande d’examen / Finalité de l'examen",
      'Antécédents médicaux / Antécédents chirurgicaux / Contre-indications',
    ]);
    // The three WADO links keep their words; their http://www.example.org/wado targets are gone.
    expect(text).toContain('http://www.example.org/wado');
    expect(allText(preview.narrative)).toContain('images examen 1');
    expect(JSON.stringify(preview.narrative)).not.toContain('example.org');
  });

  it('adds the four vaccinations of the vaccination record (VAC), the BCG dated by its year', () => {
    const preview = previewCdaImport(read('VAC_2023.01.xml'));
    expect(preview.document.fields).toEqual({
      title: 'Historique de vaccinations',
      type: 'other', // 11369-6 is not one of Carnet's document types
      date: '2021-04-09',
      author: 'Charles MULLER, Cabinet Médical du Dr MULLER',
    });
    expect(preview.document).toMatchObject({ code: '11369-6', typeMapped: false });
    expect(preview.counts).toEqual({ document: 1, immunization: 4 });
    expect(countNarrative(preview.narrative)).toMatchObject({ sections: 1, tables: 3, lists: 6 });
    const immunizations = preview.entries.filter((e) => e.kind === 'immunization');
    expect(immunizations.map((e) => [e.fields.date, e.fields.dose, e.fields.lotNumber])).toEqual([
      ['1975-01-01', '1', '235421176'],
      ['2009-09-28', '1', '4456668'],
      ['2009-09-28', '2', '4456672'],
      ['2021-04-09', '1', '357904636'],
    ]);
    expect(immunizations[0]).toMatchObject({
      approximateDate: true,
      fields: {
        vaccine: 'VACCIN BCG SSI, poudre et solvant pour suspension injectable',
        professional: 'Charles MULLER',
      },
    });
    expect(immunizations.slice(1).every((e) => !e.approximateDate)).toBe(true);
  });

  it('reads the medical summary (VSM): nested sections, treatments left in the narrative', () => {
    const preview = previewCdaImport(read('VSM_1.4_2022.01.xml'));
    expect(preview.document.fields).toEqual({
      title: 'Synthèse Médicale',
      type: 'other',
      date: '2020-03-12',
      author: 'Stéphane MEDIONI, Centre de soins le Belvédère',
    });
    expect(preview.counts).toEqual({ document: 1 });
    expect(countNarrative(preview.narrative)).toMatchObject({ sections: 13, tables: 9, lists: 0 });
    const treatments = preview.unmapped.filter((u) => u.section === 'Traitements');
    expect(treatments.map((u) => u.label)).toEqual(['PLAVIX 75 mg', 'COUMADINE 5mg']);
    // Tobacco in pack-years is a LOINC result, but not one of Carnet's measures.
    expect(preview.unmapped).toContainEqual(
      expect.objectContaining({ code: '74011-8', reason: 'measure-not-in-carnet' }),
    );
  });

  it('adds the weight and height of the prescription (eP-MED) as measurements', () => {
    const preview = previewCdaImport(read('eP-MED-DM_2024.01_PosoStruct.xml'));
    expect(preview.document.fields).toEqual({
      title: 'Prescription de médicaments et/ou de dispositifs médicaux',
      type: 'prescription',
      date: '2023-12-01',
      author: 'Romain PIOU, Cabinet du DR Pierre JOLI',
    });
    expect(preview.counts).toEqual({ document: 1, measurement: 2 });
    expect(countNarrative(preview.narrative)).toMatchObject({ sections: 7, tables: 6, omitted: 2 });
    expect(preview.entries.filter((e) => e.kind === 'measurement').map((e) => e.fields)).toEqual([
      { type: 'weight', date: '2023-12-01', unit: 'kg', value: 55 },
      { type: 'height', date: '2023-12-01', unit: 'cm', value: 170 },
    ]);
  });

  it('reads the same patient in every file, with the test INS', () => {
    for (const name of [
      'BIO-CR-BIO_2024.01_TSH_1.xml',
      'CNAM-HR_2021.01.xml',
      'DOC_NON_STRUCTURE_CDA-R2-N1.xml',
      'IMG_CR_IMG_2024.01.xml',
      'VAC_2023.01.xml',
      'VSM_1.4_2022.01.xml',
      'eP-MED-DM_2024.01_PosoStruct.xml',
    ]) {
      expect(previewCdaImport(read(name)).patient).toEqual({
        familyName: 'PAT-TROIS',
        familyNames: ['PAT-TROIS'],
        givenNames: 'DOMINIQUE MARIE-LOUISE',
        firstGivenName: 'DOMINIQUE',
        birthDate: '1979-03-28',
        sex: 'female',
        ins: '279035121518989',
      });
    }
  });

  it('gives each document its own import key, the same every time', () => {
    const keys = ['BIO-CR-BIO_2024.01_TSH_1.xml', 'IMG_CR_IMG_2024.01.xml', 'VAC_2023.01.xml'].map(
      (name) => previewCdaImport(read(name)).importKey,
    );
    expect(new Set(keys).size).toBe(3);
    expect(keys.every((key) => /^cda:[0-9a-f]{32}$/.test(key))).toBe(true);
    expect(previewCdaImport(read('VAC_2023.01.xml')).importKey).toBe(keys[2]);
  });
});

describe('what is not a CDA document', () => {
  const reasonOf = (text: string) => {
    try {
      previewCdaImport(text);
    } catch (error) {
      return error instanceof NotCdaError ? error.reason : error;
    }
    return 'accepted';
  };

  it('refuses malformed XML, a truncated document included', () => {
    expect(
      reasonOf('<ClinicalDocument xmlns="urn:hl7-org:v3"><title>x</titl></ClinicalDocument>'),
    ).toBe('malformed-xml');
    expect(reasonOf('not xml at all')).toBe('malformed-xml');
    expect(reasonOf('')).toBe('malformed-xml');
    const vaccination = read('VAC_2023.01.xml');
    expect(reasonOf(vaccination.slice(0, vaccination.length / 2))).toBe('malformed-xml');
  });

  it('refuses XML that is not a ClinicalDocument in the HL7 v3 namespace', () => {
    expect(reasonOf('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')).toBe(
      'not-clinical-document',
    );
    expect(reasonOf('<ClinicalDocument><title>x</title></ClinicalDocument>')).toBe(
      'not-clinical-document',
    );
    expect(reasonOf('<Bundle xmlns="http://hl7.org/fhir"/>')).toBe('not-clinical-document');
  });

  it('refuses a DOCTYPE, so no entity is ever expanded', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
      <ClinicalDocument xmlns="urn:hl7-org:v3"><title>&lol2;</title></ClinicalDocument>`;
    expect(reasonOf(bomb)).toBe('doctype');
  });

  it('refuses a document without a body or without a date', () => {
    expect(reasonOf(cda('').replace(/<component>.*<\/component>/s, ''))).toBe('no-body');
    expect(reasonOf(cda(section('A', 'b')).replace(/<effectiveTime[^>]*>/, ''))).toBe(
      'invalid-header',
    );
  });

  it('refuses a text over the size limit before parsing it', () => {
    const text = ' '.repeat(MAX_CDA_CHARS + 1);
    expect(() => previewCdaImport(text)).toThrow(CdaTooLargeError);
  });
});

function nodeTypes(nodes: readonly NarrativeNode[]): string[] {
  return nodes.flatMap((node) => {
    const inner =
      'children' in node
        ? nodeTypes(node.children)
        : node.type === 'list'
          ? node.items.flatMap(nodeTypes)
          : node.type === 'table'
            ? [...node.head, ...node.body].flat().flatMap((cell) => nodeTypes(cell.children))
            : [];
    return [node.type, ...inner];
  });
}

describe('a narrative that tries to run or fetch something', () => {
  const hostile = cda(
    section(
      'Résultat',
      `<paragraph>Bonjour <script>alert("cda")</script>madame</paragraph>
       <paragraph><content styleCode="Bold">&lt;img src=x onerror=alert(1)&gt;</content></paragraph>
       <linkHtml href="javascript:alert(2)">voir le compte rendu</linkHtml>
       <renderMultiMedia referencedObject="img1"/>
       <xhtml:iframe xmlns:xhtml="http://www.w3.org/1999/xhtml" src="https://tracker.example/x">cadre</xhtml:iframe>
       <xhtml:span xmlns:xhtml="http://www.w3.org/1999/xhtml">mot étranger</xhtml:span>
       <table><tbody><tr><td><linkHtml href="https://tracker.example/pixel.png">image</linkHtml></td></tr></tbody></table>`,
    ),
  );

  it('keeps the words as text, drops the script and every target', () => {
    const preview = previewCdaImport(hostile);
    const tree = JSON.stringify(preview.narrative);
    expect(tree).not.toContain('alert("cda")');
    expect(tree).not.toContain('javascript');
    expect(tree).not.toContain('tracker.example');
    expect(tree).not.toContain('cadre');
    const text = allText(preview.narrative);
    expect(text).toContain('Bonjour madame');
    expect(text).toContain('voir le compte rendu');
    expect(text).toContain('mot étranger');
    // Escaped markup in the document is text, and stays text: never parsed as HTML.
    expect(text).toContain('<img src=x onerror=alert(1)>');
  });

  it('builds only the narrative node types a component knows', () => {
    const preview = previewCdaImport(hostile);
    const types = new Set(preview.narrative.flatMap((s) => nodeTypes(s.blocks)));
    for (const type of types) {
      expect([
        'text',
        'break',
        'styled',
        'sub',
        'sup',
        'omitted',
        'paragraph',
        'list',
        'table',
      ]).toContain(type);
    }
    expect(preview.unmapped.map((u) => u.reason).sort()).toEqual([
      'foreign-element',
      'foreign-element',
      'multimedia',
    ]);
  });

  it('stops recursing into absurdly deep markup and keeps its text', () => {
    const deep = `${'<content>'.repeat(5000)}au fond${'</content>'.repeat(5000)}`;
    const preview = previewCdaImport(cda(section('Profond', deep)));
    expect(allText(preview.narrative)).toContain('au fond');
  });
});

describe('structured results', () => {
  const organizer = (observations: string) =>
    `<entry><organizer classCode="CLUSTER" moodCode="EVN">${observations}</organizer></entry>`;
  const observation = (loinc: string, value: string, unit: string, time = '20240301083000+0100') =>
    `<component><observation classCode="OBS" moodCode="EVN">
      <code code="${loinc}" codeSystem="2.16.840.1.113883.6.1"/>
      <effectiveTime value="${time}"/>
      <value xsi:type="PQ" value="${value}" unit="${unit}"/></observation></component>`;

  it('pairs a systolic and a diastolic pressure into one blood-pressure reading', () => {
    const preview = previewCdaImport(
      cda(
        section(
          'Signes vitaux',
          'PA 128/82',
          organizer(observation('8480-6', '128', 'mm[Hg]') + observation('8462-4', '82', 'mm[Hg]')),
        ),
      ),
    );
    expect(preview.entries.filter((e) => e.kind === 'measurement').map((e) => e.fields)).toEqual([
      {
        type: 'blood-pressure',
        date: '2024-03-01T07:30:00.000Z',
        unit: 'mm[Hg]',
        systolic: 128,
        diastolic: 82,
      },
    ]);
  });

  it('reads glycaemia written g/l, and reports a value Carnet refuses', () => {
    const preview = previewCdaImport(
      cda(
        section(
          'Biologie',
          'Glycémie',
          organizer(observation('2339-0', '0.95', 'g/l', '20240301')) +
            organizer(observation('8310-5', '73', 'Cel')),
        ),
      ),
    );
    expect(preview.entries.filter((e) => e.kind === 'measurement').map((e) => e.fields)).toEqual([
      { type: 'glucose', date: '2024-03-01', unit: 'g/L', value: 0.95 },
    ]);
    expect(preview.unmapped).toEqual([
      expect.objectContaining({
        code: '8310-5',
        reason: 'invalid-measure',
        issues: [{ field: 'value', code: 'out-of-range' }],
      }),
    ]);
  });

  it('keeps the original XML when the nonXMLBody is not a PDF, and never follows a reference', () => {
    const notPdf = previewCdaImport(
      cda(
        `<nonXMLBody><text mediaType="application/pdf" representation="B64">${btoa('GIF89a')}</text></nonXMLBody>`,
      ),
    );
    expect(notPdf.file).toEqual({ kind: 'original', mime: 'text/xml' });
    expect(notPdf.unmapped.map((u) => u.reason)).toEqual(['embedded-file-not-pdf']);
    const elsewhere = previewCdaImport(
      cda(
        `<nonXMLBody><text mediaType="application/pdf"><reference value="https://example.org/cr.pdf"/></text></nonXMLBody>`,
      ),
    );
    expect(elsewhere.file.kind).toBe('original');
    expect(elsewhere.unmapped.map((u) => u.reason)).toEqual(['external-file']);
  });
});

describe('the patient of the document and the profile', () => {
  const { patient } = previewCdaImport(read('VAC_2023.01.xml'));

  it('matches the identity the profile gives, however it is written', () => {
    expect(
      comparePatient(patient, {
        familyName: 'Pat-Trois',
        givenNames: 'Dominique',
        birthDate: '1979-03-28',
        sex: 'female',
        ins: '279035121518989',
      }),
    ).toEqual({
      result: 'match',
      compared: ['ins', 'familyName', 'givenNames', 'birthDate', 'sex'],
    });
  });

  it('says which fields differ for another patient', () => {
    expect(
      comparePatient(patient, {
        familyName: 'Martin',
        givenNames: 'Dominique',
        birthDate: '1980-01-02',
      }),
    ).toEqual({ result: 'mismatch', fields: ['familyName', 'birthDate'] });
    expect(comparePatient(patient, { ins: '184127645108946' })).toEqual({
      result: 'mismatch',
      fields: ['ins'],
    });
  });

  it('cannot tell when the profile gives no identity', () => {
    expect(comparePatient(patient, {})).toEqual({ result: 'unknown' });
    expect(comparePatient(patient, { sex: 'unknown', bloodGroup: 'O+' })).toEqual({
      result: 'unknown',
    });
  });
});

describe('applying an import', () => {
  async function apply(doc: Y.Doc, name: string, vault = fakeVault()) {
    const text = read(name);
    const preview: CdaImportPreview = previewCdaImport(text);
    const result = await applyCdaImport(doc, preview, {
      storeFile: vault.storeFile,
      originalXml: text,
      fileName: name,
      now: 1_700_000_000_000,
    });
    return { preview, result, vault };
  }

  it('adds the document with the original XML as its file, and the vaccinations', async () => {
    const doc = new Y.Doc();
    const { preview, result, vault } = await apply(doc, 'VAC_2023.01.xml');
    expect(result).toMatchObject({ status: 'imported', added: { document: 1, immunization: 4 } });
    expect(vault.stored).toHaveLength(1);
    expect(vault.stored[0]!.mime).toBe('text/xml');
    expect(new TextDecoder().decode(vault.stored[0]!.bytes)).toBe(read('VAC_2023.01.xml'));
    if (result.status !== 'imported') return;
    expect(getEntry(doc, result.documentId)).toMatchObject({
      kind: 'document',
      title: 'Historique de vaccinations',
      type: 'other',
      date: '2021-04-09',
      name: 'VAC_2023.01.xml',
      mime: 'text/xml',
      size: vault.stored[0]!.bytes.length,
      source: 'import:VAC_2023.01.xml',
    });
    const immunizations = listEntries(doc, 'immunization');
    expect(immunizations).toHaveLength(4);
    expect(immunizations.every((e) => e.source === 'import:VAC_2023.01.xml')).toBe(true);
    expect(importKeysMap(doc).get(preview.importKey)).toBe(result.documentId);
  });

  it('stores the embedded PDF as the viewable file of an unstructured document', async () => {
    const doc = new Y.Doc();
    const { result, vault } = await apply(doc, 'DOC_NON_STRUCTURE_CDA-R2-N1.xml');
    expect(vault.stored.map((f) => [f.mime, f.bytes.length])).toEqual([
      ['application/pdf', 326_650],
    ]);
    if (result.status !== 'imported') return;
    expect(getEntry(doc, result.documentId)).toMatchObject({
      mime: 'application/pdf',
      name: 'DOC_NON_STRUCTURE_CDA-R2-N1.pdf',
    });
  });

  it('adds nothing when the same document is imported again', async () => {
    const doc = new Y.Doc();
    const vault = fakeVault();
    const first = await apply(doc, 'eP-MED-DM_2024.01_PosoStruct.xml', vault);
    const again = await apply(doc, 'eP-MED-DM_2024.01_PosoStruct.xml', vault);
    expect(first.result.status).toBe('imported');
    expect(again.result).toEqual({
      status: 'already-imported',
      documentId: first.result.documentId,
    });
    expect(vault.stored).toHaveLength(1);
    expect(listEntries(doc, 'document')).toHaveLength(1);
    expect(listEntries(doc, 'measurement')).toHaveLength(2);
  });

  it('imports again once the first copy has left the bin for good', async () => {
    const doc = new Y.Doc();
    const { result } = await apply(doc, 'IMG_CR_IMG_2024.01.xml');
    deleteEntry(doc, result.documentId, 0);
    // Still in the bin: the patient restores it rather than importing a second copy.
    expect((await apply(doc, 'IMG_CR_IMG_2024.01.xml')).result.status).toBe('already-imported');
    purgeBin(doc, BIN_RETENTION_MS + 1);
    expect((await apply(doc, 'IMG_CR_IMG_2024.01.xml')).result.status).toBe('imported');
  });
});
