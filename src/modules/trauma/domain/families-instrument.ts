/**
 * Concord's own survey of families' experience, offered to a parent in the portal after one of their
 * requests closes: fourteen statements in plain language, English and Spanish, each mapped to a SAMHSA
 * key principle (its subscale) and an implementation domain, on the staff self-assessment's 1–5
 * agreement scale. Written for Concord in the spirit of client-rated measures such as TIC Grade (none of
 * its items); not a validated instrument. Two statements are reversed: agreeing with them is unfavourable.
 */
import { concordInstrument, statementItems, type StatementRow } from './concord-instrument';
import type { Instrument } from './instrument';

const rows: StatementRow[] = [
  ['fam-1', 'screening', 'safety', false, 'I felt safe sharing what I needed to share.', 'Sentí que podía compartir con seguridad lo que necesitaba.'],
  ['fam-2', 'policy', 'safety', false, 'I was asked how and when it is safe to contact me.', 'Me preguntaron cómo y cuándo es seguro comunicarse conmigo.'],
  ['fam-3', 'workforce', 'safety', true, 'I felt blamed or judged.', 'Sentí que me culpaban o me juzgaban.'],
  ['fam-4', 'engagement', 'trustworthiness', false, 'I was told what would happen next, and when.', 'Me dijeron qué pasaría después y cuándo.'],
  [
    'fam-5',
    'policy',
    'trustworthiness',
    false,
    'The letters and pages I read were easy to understand.',
    'Las cartas y páginas que leí eran fáciles de entender.',
  ],
  [
    'fam-6',
    'monitoring',
    'trustworthiness',
    true,
    'I had to tell my story again to more than one person.',
    'Tuve que contar mi historia otra vez a más de una persona.',
  ],
  [
    'fam-7',
    'engagement',
    'collaboration',
    false,
    'Staff treated me as a partner in decisions about my case.',
    'El personal me trató como parte de las decisiones sobre mi caso.',
  ],
  [
    'fam-8',
    'evaluation',
    'collaboration',
    false,
    'I believe what families say in this survey is used to improve services.',
    'Creo que lo que las familias dicen en esta encuesta se usa para mejorar los servicios.',
  ],
  ['fam-9', 'screening', 'empowerment', false, 'I had a choice about what to share, and how.', 'Pude elegir qué compartir y cómo hacerlo.'],
  [
    'fam-10',
    'governance',
    'empowerment',
    false,
    'I know how to ask for a review if I disagree with a decision.',
    'Sé cómo pedir una revisión si no estoy de acuerdo con una decisión.',
  ],
  [
    'fam-11',
    'cross_sector',
    'peer_support',
    false,
    'I was told where to find help outside the agency, such as legal aid or family services.',
    'Me dijeron dónde encontrar ayuda fuera de la agencia, como asistencia legal o servicios para familias.',
  ],
  ['fam-12', 'workforce', 'cultural', false, 'I was served in the language I prefer.', 'Me atendieron en el idioma que prefiero.'],
  ['fam-13', 'workforce', 'cultural', false, 'Staff were respectful of me and my family.', 'El personal fue respetuoso conmigo y con mi familia.'],
  [
    'fam-14',
    'environment',
    'safety',
    false,
    'The website and offices felt calm and welcoming.',
    'El sitio web y las oficinas se sentían tranquilos y acogedores.',
  ],
];

export const familiesInstrument: Instrument = {
  code: 'CONCORD-FAMILY',
  version: 1,
  title: { en: 'How was your experience with child support?', es: '¿Cómo fue su experiencia con los servicios de manutención?' },
  source:
    'Written for Concord (open source, same licence as the code) in the spirit of client-rated measures such as TIC Grade; mapped to SAMHSA (2014) principles and implementation domains.',
  audience: 'families',
  scale: concordInstrument.scale,
  minAnsweredShare: 0.75,
  defaultTarget: 4,
  subscales: concordInstrument.subscales,
  items: statementItems(rows),
};
