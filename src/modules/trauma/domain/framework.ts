/**
 * The frameworks a trauma-informed organisation is measured against, as data: SAMHSA's six key
 * principles and ten implementation domains (HHS Pub. SMA 14-4884, 2014) and the Missouri Model's four
 * developmental stages (2014). Labels in English and Spanish, for the survey and the reports.
 *
 * @example principles.find((p) => p.id === 'safety')!.label.es // 'Seguridad'
 */

export type Language = 'en' | 'es';
export type Localized = Record<Language, string>;

export const principles = [
  { id: 'safety', label: { en: 'Safety', es: 'Seguridad' } },
  { id: 'trustworthiness', label: { en: 'Trustworthiness and transparency', es: 'Confiabilidad y transparencia' } },
  { id: 'peer_support', label: { en: 'Peer support', es: 'Apoyo entre pares' } },
  { id: 'collaboration', label: { en: 'Collaboration and mutuality', es: 'Colaboración y reciprocidad' } },
  { id: 'empowerment', label: { en: 'Empowerment, voice and choice', es: 'Empoderamiento, voz y elección' } },
  { id: 'cultural', label: { en: 'Cultural, historical and gender issues', es: 'Asuntos culturales, históricos y de género' } },
] as const satisfies readonly { id: string; label: Localized }[];

export const implementationDomains = [
  { id: 'governance', label: { en: 'Governance and leadership', es: 'Gobernanza y liderazgo' } },
  { id: 'policy', label: { en: 'Policy', es: 'Políticas' } },
  { id: 'environment', label: { en: 'Physical environment', es: 'Entorno físico' } },
  { id: 'engagement', label: { en: 'Engagement and involvement of the people served', es: 'Participación de las personas atendidas' } },
  { id: 'cross_sector', label: { en: 'Cross-sector collaboration', es: 'Colaboración entre sectores' } },
  { id: 'screening', label: { en: 'Screening, assessment and services', es: 'Detección, evaluación y servicios' } },
  { id: 'workforce', label: { en: 'Training and workforce development', es: 'Capacitación y desarrollo del personal' } },
  { id: 'monitoring', label: { en: 'Progress monitoring and quality assurance', es: 'Seguimiento del progreso y control de calidad' } },
  { id: 'financing', label: { en: 'Financing', es: 'Financiamiento' } },
  { id: 'evaluation', label: { en: 'Evaluation', es: 'Evaluación' } },
] as const satisfies readonly { id: string; label: Localized }[];

export type PrincipleId = (typeof principles)[number]['id'];
export type DomainId = (typeof implementationDomains)[number]['id'];

export const principleIds: readonly string[] = principles.map((p) => p.id);
export const domainIds: readonly string[] = implementationDomains.map((d) => d.id);

/** The Missouri Model's developmental continuum, in order. */
export const stages = [
  { id: 'trauma_aware', label: 'Trauma aware' },
  { id: 'trauma_sensitive', label: 'Trauma sensitive' },
  { id: 'trauma_responsive', label: 'Trauma responsive' },
  { id: 'trauma_informed', label: 'Trauma informed' },
] as const;
export type StageId = (typeof stages)[number]['id'];
export const stageIds: readonly string[] = stages.map((s) => s.id);

/** The label of a principle or domain by id (the id itself for an unknown one). */
export function frameworkLabel(id: string, language: Language = 'en'): string {
  const found = [...principles, ...implementationDomains].find((x) => x.id === id);
  return found ? found.label[language] : id;
}
